"""Gzip copies of text assets beside the originals (`page.html.gz`), so
static hosts that serve precompressed files (nginx's gzip_static, Caddy's
precompressed) send them without compressing on every request.

Level 9 compresses the site's pages some three times slower than the
default and makes them a few per cent smaller, for every reader: worth it
once per file's content. With a cache (build_cache.GzipCache, which the
offline-reading manifest shares: it measures the same bytes), a file whose
bytes an earlier build already compressed is not compressed again."""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass
from pathlib import Path

from . import parallel
from .build_cache import GzipCache
from .site_model import SiteModel

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}
# Below this, gzip's own framing eats the gain.
MIN_BYTES = 1024


def gzip_copy(data: bytes) -> bytes:
    """The bytes of a .gz copy: mtime=0 and no file name in the header, so the same bytes on every build."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def gzipped(data: bytes, cache: GzipCache | None = None) -> bytes:
    """gzip_copy(data), from `cache` when an earlier build compressed these bytes."""
    return cache.gzipped(data, gzip_copy) if cache is not None else gzip_copy(data)


@dataclass(frozen=True)
class CompressionShare:
    """The files one process compresses, and the cache it may take copies from."""

    files: tuple[Path, ...]
    cache: GzipCache | None = None


def write_precompressed(model: SiteModel, site_dir: Path, jobs: int = 1, cache: GzipCache | None = None) -> None:
    """Post-build step: the .gz copies, on up to `jobs` processes (each its
    share of the files; a copy depends on its file alone)."""
    files = [path for path in sorted(site_dir.rglob("*")) if path.suffix in COMPRESSIBLE and path.is_file()]
    parallel.run_all(compress_files, compression_shares(files, jobs, cache), jobs)
    if cache is not None:
        cache.prune(time.time())  # copies of bytes no build has published for a month


def compression_shares(files: list[Path], jobs: int, cache: GzipCache | None) -> list[CompressionShare]:
    """The files dealt out to `jobs` processes, each share the same mix of kinds and sizes."""
    return [CompressionShare(tuple(files[start::jobs]), cache) for start in range(max(jobs, 1))]


@dataclass(frozen=True)
class DeflatedFile:
    """Where one file's deflate stream was spooled (spooled_deflate_streams), with
    the CRC-32 and size of its bytes: what a zip entry records beside the stream."""

    spool: Path
    offset: int
    length: int
    crc: int
    size: int


@dataclass(frozen=True)
class SpoolShare:
    """The files one process deflates, the cache it may take them from, and the
    file it writes their streams into, one after another."""

    files: tuple[Path, ...]
    cache: GzipCache | None
    spool: Path


def spooled_deflate_streams(files: list[Path], jobs: int, cache: GzipCache | None,
                            folder: Path) -> dict[Path, DeflatedFile]:
    """Each file deflated as its gzip_copy is (from `cache` where it has it), on
    up to `jobs` processes; the streams written into spool files in `folder`
    rather than handed back, so that no process holds them all at once (a
    hundred meetings' offline zip is some hundred megabytes of them)."""
    shares = [SpoolShare(share.files, cache, folder / f"share-{number}.deflate")
              for number, share in enumerate(compression_shares(files, jobs, cache))]
    found: dict[Path, DeflatedFile] = {}
    for share, entries in zip(shares, parallel.run_all(spool_deflate_streams, shares, jobs), strict=True):
        offset = 0
        for path, (length, crc, size) in zip(share.files, entries, strict=True):
            found[path] = DeflatedFile(share.spool, offset, length, crc, size)
            offset += length
    return found


def spool_deflate_streams(share: SpoolShare) -> list[tuple[int, int, int]]:
    """Each file's deflate stream written to the share's spool, in order; each
    stream's length, CRC-32 and the file's size. A gzip copy is a 10-byte header
    (no name, mtime 0), the deflate stream, then the CRC-32 and the size."""
    entries = []
    with share.spool.open("wb") as spool:
        for path in share.files:
            copy = gzipped(path.read_bytes(), share.cache)
            spool.write(memoryview(copy)[10:-8])
            entries.append((len(copy) - 18, int.from_bytes(copy[-8:-4], "little"), int.from_bytes(copy[-4:], "little")))
    return entries


def compress_files(share: CompressionShare) -> None:
    for path in share.files:
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        compressed = gzipped(data, share.cache)
        if len(compressed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(compressed)

