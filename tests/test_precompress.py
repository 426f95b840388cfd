"""Precompressed copies beside text assets, for hosts that serve them as they are."""

from __future__ import annotations

import gzip


def test_every_large_text_asset_has_an_identical_gzip_copy(built_site):
    checked = 0
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".json"} and path.stat().st_size >= 1024:
            copy = path.with_name(path.name + ".gz")
            assert copy.is_file(), f"{path.relative_to(built_site)} has no .gz copy"
            assert gzip.decompress(copy.read_bytes()) == path.read_bytes()
            assert copy.stat().st_size < path.stat().st_size
            checked += 1
    assert checked >= 30


def test_gzip_copies_carry_no_time_or_name(built_site):
    for copy in built_site.rglob("*.html.gz"):
        header = copy.read_bytes()[:10]
        assert header[4:8] == b"\x00\x00\x00\x00", f"{copy.name} records a modification time"
        assert header[3] & 0x08 == 0, f"{copy.name} records a file name"
