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


def gzipped_files(files: list[Path], jobs: int, cache: GzipCache | None) -> dict[Path, bytes]:
    """Each file's gzip_copy (from `cache` where it has it), on up to `jobs` processes."""
    shares = compression_shares(files, jobs, cache)
    copies = parallel.run_all(gzip_copies, shares, jobs)
    return {path: copy for share, share_copies in zip(shares, copies, strict=True)
            for path, copy in zip(share.files, share_copies, strict=True)}


def gzip_copies(share: CompressionShare) -> list[bytes]:
    """Each file's gzip_copy, in order (the offline zip holds their deflate streams)."""
    return [gzipped(path.read_bytes(), share.cache) for path in share.files]


def compress_files(share: CompressionShare) -> None:
    for path in share.files:
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        compressed = gzipped(data, share.cache)
        if len(compressed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(compressed)

