"""scripts/fit_confidence.py: smoothed accuracy per feature level."""

from __future__ import annotations

import pytest

from scripts.fit_confidence import SMOOTHING, fit


def test_fit_smooths_rare_levels_toward_their_parent() -> None:
    """A level seen once borrows most of its accuracy from its coarser level."""
    samples = [(("direct|after|x", "direct"), True)] * 9 + [(("direct|before|y", "direct"), False)]
    fitted = fit(samples)
    assert fitted["direct"] == (pytest.approx(0.9), 10)
    rare, count = fitted["direct|before|y"]
    assert count == 1
    assert rare == pytest.approx((0 + SMOOTHING * 0.9) / (1 + SMOOTHING))
    assert fitted["direct|after|x"][0] > fitted["direct|before|y"][0]
