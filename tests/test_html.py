"""service.html: trafilatura reads article pages in a worker process that a deadline bounds."""

from __future__ import annotations

import logging
import threading

import pytest

from service import html
from service.html import Article, ExtractionFailed, NoArticleText, extract_article, read_article
from tests.helpers import PAGES

#: Far more than any page needs, so a slow shared machine cannot make these tests flaky.
GENEROUS_S = 60.0
#: Tens of thousands of attributes on one element make libxml2's HTML parser quadratic (minutes).
MANY_ATTRIBUTES = "<html><body><div " + " ".join(f"a{i}=1" for i in range(40_000)) + "><p>Hi.</p></div></body></html>"


def page(name: str) -> str:
    """Return the invented page tests/pages/``name``.html."""
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


def test_article_text_and_metadata_are_read() -> None:
    """The story's paragraphs come back without navigation, comments or footer, with title, author and date."""
    article = extract_article(page("pier"), timeout=GENEROUS_S)
    assert article.title == "Harbour town votes to rebuild its pier"
    assert article.author == "Priya Nandakumar"
    assert article.date == "2023-09-14"
    assert "The pier is the heart of this town" in article.text
    assert "We are building a pier while the sea walls crumble" in article.text
    for boilerplate in ("cookies", "Subscribe", "Related stories", "About time", "All rights reserved", "Privacy"):
        assert boilerplate not in article.text


def test_missing_metadata_is_none() -> None:
    """A page without an author or a date in its markup gets None for them, not a guess."""
    article = extract_article(page("council-brief"), timeout=GENEROUS_S)
    assert article == Article(text=article.text, title="Library hours extended", author=None, date=None)
    assert "Log in" not in article.text and "Share this" not in article.text


@pytest.mark.parametrize(
    "markup",
    ["", "   ", "<html><body></body></html>", "just a few words and no markup", "<p>", page("empty")],
    ids=["empty", "blank", "empty-body", "no-tags", "lone-tag", "script-app"],
)
def test_page_without_text_raises_no_article_text(markup: str) -> None:
    """A page that gives trafilatura no text is NoArticleText, whatever shape it has."""
    with pytest.raises(NoArticleText):
        extract_article(markup, timeout=GENEROUS_S)


def test_reading_past_the_deadline_fails_and_the_next_page_is_read() -> None:
    """A page that would take minutes is stopped at its deadline; a fresh worker reads the next page."""
    with pytest.raises(ExtractionFailed, match="within 0.5 seconds"):
        extract_article(MANY_ATTRIBUTES, timeout=0.5)
    assert "The pier is the heart" in extract_article(page("pier"), timeout=GENEROUS_S).text


def test_library_error_on_a_page_comes_back_as_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """read_article turns trafilatura raising into the error's name, so no exception crosses processes."""
    import trafilatura

    def fail(*args: object, **kwargs: object) -> None:
        """Fail like lxml on a page it cannot take."""
        raise ValueError("cannot parse")

    monkeypatch.setattr(trafilatura, "bare_extraction", fail)
    assert read_article("<p>x</p>") == "ValueError"


def test_worker_silences_the_libraries_loggers() -> None:
    """trafilatura logs page content at DEBUG: the worker's initializer drops its records."""
    try:
        html._quiet_libraries()
        for name in html.LIBRARY_LOGGERS:
            logger = logging.getLogger(name)
            assert not logger.isEnabledFor(logging.CRITICAL)
            assert not logger.propagate
    finally:
        for name in html.LIBRARY_LOGGERS:
            logging.getLogger(name).setLevel(logging.NOTSET)
            logging.getLogger(name).propagate = True



def break_pool(error: str = "All workers expired") -> None:
    """Break this process's pool the way pebble does when a worker dies before it takes its task."""
    from concurrent.futures.process import BrokenProcessPool

    html._WORKERS.get()._pool_manager.handle_broken_pool(BrokenProcessPool(error))


def test_broken_pool_is_replaced_and_the_page_read() -> None:
    """A pool pebble has marked broken (it refuses every later page) is replaced, and the page is read."""
    extract_article(page("pier"), timeout=GENEROUS_S)
    break_pool()
    assert "The pier is the heart" in extract_article(page("pier"), timeout=GENEROUS_S).text


def test_pool_breaking_under_a_page_reads_it_again_within_its_deadline() -> None:
    """A page whose pool breaks while it waits is read again by a new pool, within what is left of its deadline."""
    extract_article(page("pier"), timeout=GENEROUS_S)
    timer = threading.Timer(0.5, break_pool)
    timer.start()
    try:
        with pytest.raises(ExtractionFailed, match="within 3 seconds"):
            extract_article(MANY_ATTRIBUTES, timeout=3.0)
    finally:
        timer.cancel()
    assert "The pier is the heart" in extract_article(page("pier"), timeout=GENEROUS_S).text
