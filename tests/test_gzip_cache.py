"""The .gz copies kept between builds (build_cache.GzipCache): a kept copy
is the one compressing would make, and one that is damaged or stands for
other bytes is never used."""

from __future__ import annotations

import gzip
from pathlib import Path

from report_site.build_cache import GzipCache
from report_site.precompress import gzip_copy, gzipped

PAGE = ("<p>The participants discussed the ceasefire and the line of contact.</p>\n" * 200).encode("utf-8")


def counting(calls: list[bytes]):
    def compress(data: bytes) -> bytes:
        calls.append(data)
        return gzip_copy(data)
    return compress


def test_a_kept_copy_is_the_copy_compressing_makes(tmp_path: Path) -> None:
    cache = GzipCache(tmp_path / "gz")
    calls: list[bytes] = []
    first = cache.gzipped(PAGE, counting(calls))
    second = cache.gzipped(PAGE, counting(calls))
    assert first == second == gzip_copy(PAGE)
    assert calls == [PAGE]  # compressed once, then taken from the cache
    assert gzipped(PAGE, cache) == gzipped(PAGE) == gzip_copy(PAGE)


def test_other_bytes_get_their_own_copy(tmp_path: Path) -> None:
    cache = GzipCache(tmp_path / "gz")
    edited = PAGE.replace(b"ceasefire", b"peace talks", 1)
    assert gzip.decompress(cache.gzipped(PAGE, gzip_copy)) == PAGE
    assert gzip.decompress(cache.gzipped(edited, gzip_copy)) == edited


def test_a_damaged_copy_is_compressed_again(tmp_path: Path) -> None:
    cache = GzipCache(tmp_path / "gz")
    cache.gzipped(PAGE, gzip_copy)
    [kept] = (tmp_path / "gz").rglob("*.gz")
    for damage in (kept.read_bytes()[:40],  # cut short, as by a crash mid-write
                   gzip_copy(b"another page's bytes"),  # whole, but not this data
                   b"not gzip at all"):
        kept.write_bytes(damage)
        calls: list[bytes] = []
        assert cache.gzipped(PAGE, counting(calls)) == gzip_copy(PAGE)
        assert calls == [PAGE]
        assert kept.read_bytes() == gzip_copy(PAGE)  # and the entry is whole again
