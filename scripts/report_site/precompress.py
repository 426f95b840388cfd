"""Gzip copies of text assets beside the originals (`page.html.gz`), so
static hosts that serve precompressed files (nginx's gzip_static, Caddy's
precompressed) send them without compressing on every request."""

from __future__ import annotations

import gzip
from pathlib import Path

from . import parallel
from .site_model import SiteModel

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}
# Below this, gzip's own framing eats the gain.
MIN_BYTES = 1024


def write_precompressed(model: SiteModel, site_dir: Path, jobs: int = 1) -> None:
    """Post-build step: the .gz copies, on up to `jobs` processes (each its
    share of the files; a copy depends on its file alone)."""
    files = [path for path in sorted(site_dir.rglob("*")) if path.suffix in COMPRESSIBLE and path.is_file()]
    shares = [files[start::jobs] for start in range(jobs)] if jobs > 1 else [files]
    parallel.run_all(compress_files, shares, jobs)


def compress_files(files: list[Path]) -> None:
    for path in files:
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        # mtime=0 and no file name in the header: the same bytes on every build.
        compressed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(compressed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(compressed)
