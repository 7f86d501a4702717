"""The extraction core never depends on the web layer's frameworks."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

CORE = ROOT / "service" / "extraction"
FORBIDDEN = {"flask", "marshmallow", "werkzeug"}
CORE_FILES = sorted(CORE.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    """Return the top-level names of every module imported by the file at ``path``."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_files_are_found() -> None:
    """The scan below looks at real files."""
    assert CORE / "__init__.py" in CORE_FILES


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_web_framework(path: Path) -> None:
    """No module under service/extraction/ imports flask, marshmallow or werkzeug."""
    assert not imported_roots(path) & FORBIDDEN


def test_importing_the_core_loads_no_web_framework() -> None:
    """`import service.extraction` in a fresh interpreter leaves flask, marshmallow, werkzeug unloaded."""
    code = (
        "import sys, service.extraction; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_scan_catches_a_forbidden_import(tmp_path: Path) -> None:
    """The scanner itself sees plain, dotted and from-imports."""
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nimport flask.json\nfrom werkzeug import exceptions\nfrom . import local\n")
    assert imported_roots(sample) & FORBIDDEN == {"flask", "werkzeug"}
