"""What each page shows, kept between builds for the stylesheets' purge
(css_purge.VocabularyCache): the purge reads again only the pages that
changed, and what it keeps is what reading the page gives."""

from __future__ import annotations

from pathlib import Path

from report_site import css_purge
from report_site.css_purge import VocabularyCache, page_vocabulary, site_vocabulary
from report_site.publish import BuildResult

PAGE = (b'<html><body class="md-typeset"><nav id="toc" data-md-component="toc">'
        b'<a href="../about/" class="md-nav__link">About</a></nav>'
        b'<script id="__config" type="application/json">{"version": null}</script>'
        b'<script>document.body.classList.add("js-ready")</script></body></html>')


def counting(calls: list[bytes]):
    def read(page: bytes) -> css_purge.Vocabulary:
        calls.append(page)
        return page_vocabulary(page)
    return read


def test_a_kept_vocabulary_is_what_reading_the_page_gives(tmp_path: Path) -> None:
    cache = VocabularyCache(tmp_path / "vocabulary")
    calls: list[bytes] = []
    first = cache.vocabulary(PAGE, counting(calls))
    again = cache.vocabulary(PAGE, counting(calls))
    assert calls == [PAGE]  # read once, then taken from the cache
    assert again == first == page_vocabulary(PAGE)
    assert {"nav", "a", "script"} <= again.elements and "md-nav__link" in again.classes and "toc" in again.ids
    assert "js-ready" in again.script_words


def test_a_damaged_entry_is_read_again(tmp_path: Path) -> None:
    cache = VocabularyCache(tmp_path / "vocabulary")
    cache.vocabulary(PAGE, page_vocabulary)
    [kept] = (tmp_path / "vocabulary").rglob("*.json.gz")
    for damage in (kept.read_bytes()[:10], b"", b"\x78\x01" + b"not zlib"):
        kept.write_bytes(damage)
        calls: list[bytes] = []
        assert cache.vocabulary(PAGE, counting(calls)) == page_vocabulary(PAGE)
        assert calls == [PAGE]


def test_the_site_vocabulary_from_the_cache_is_the_one_read_from_the_pages(built: BuildResult, tmp_path: Path) -> None:
    """The whole site's, read with an empty cache, then with the full one."""
    site = built.site_dir
    cache = VocabularyCache(tmp_path / "vocabulary")
    read = site_vocabulary(site)
    assert site_vocabulary(site, cache=cache) == read
    pages = len(list(site.rglob("*.html")))
    assert len(list((tmp_path / "vocabulary").rglob("*.json.gz"))) <= pages
    assert site_vocabulary(site, cache=cache) == read
