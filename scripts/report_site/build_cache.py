"""Outputs kept between builds (the PDFs first), so that a build renders
again only what changed. An output is stored under a key, the SHA-256 of
everything it was made from (its caller decides what that is:
report_site.pdf); an unchanged key means unchanged bytes, and a reused
output is byte for byte the one a cold build would write.

The cache folders (`.cache/pdf/`, `.cache/cards/`, `.cache/gz/` and
`.cache/pagefind/` by default, scripts/build.py) are the builder's, never published, and may be deleted at any time. What is in it
is trusted only once checked: an entry is its data plus a manifest written
after it, naming its key, the data's SHA-256 and size, and the files of
the built site the data was made from with theirs. Both are written to a
temporary name and renamed into place, so a build that is stopped halfway
leaves no entry, or an old one, never half of one; an entry whose manifest
is missing, unreadable, for another key, or whose data does not match it,
is treated as absent (and rendered again), never published.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

Derived = TypeVar("Derived")

# Bumped when what a key covers, or how an entry is laid out, changes.
CACHE_FORMAT = "1"

# An entry no build has used for this long is removed (every edit leaves the old PDF's behind),
# and so is a temporary file this old (a build that was killed while writing).
UNUSED_SECONDS = 30 * 24 * 3600


# In the cache folder: held by the build using the folder (held_alone).
LOCK_FILE = ".in-use"


@contextlib.contextmanager
def held_alone(folder: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """The cache folder for one build at a time. Two builds sharing it at once
    could each keep rendered pages of the other's (page_reuse keeps a whole
    edition's pages with one fingerprint), so a second build waits, after
    calling `waiting` once, until the first has finished. The lock is the
    system's (flock), so a build that is killed holds nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def digest(parts: Iterable[str | bytes]) -> str:
    """The SHA-256 of a sequence of parts, each length-prefixed so that no two
    different sequences give the same bytes to hash."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


class OutputCache:
    """Outputs of one kind (their file name's `suffix`) by key in `folder`
    (created when first written to)."""

    suffix = ".bin"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, key: str) -> tuple[Path, Path]:
        if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
            raise ValueError(f"{key!r}: not a SHA-256 in hex")
        base = self.folder / key[:2] / key
        return base.with_name(key + self.suffix), base.with_name(key + ".json")

    def load(self, key: str, site_dir: Path) -> bytes | None:
        """The data stored under key, if its entry is whole and every file of
        site_dir it was made from is unchanged; else None."""
        data_path, manifest_path = self._paths(key)
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            data = data_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(manifest, dict) or manifest.get("format") != CACHE_FORMAT or manifest.get("key") != key \
                or manifest.get("size") != len(data) or manifest.get("sha256") != hashlib.sha256(data).hexdigest():
            return None
        resources = manifest.get("resources")
        if not isinstance(resources, dict) or not all(
                _file_digest(site_dir, relative) == expected for relative, expected in resources.items()):
            return None
        manifest_path.touch()  # used: kept by prune()
        return data

    def prune(self, now: float, unused_seconds: float = UNUSED_SECONDS) -> list[Path]:
        """Remove the entries and temporary files last used or written before
        now - unused_seconds; the files removed."""
        removed = []
        for path in sorted(self.folder.glob("*/*")) if self.folder.is_dir() else []:
            manifest = path.with_suffix(".json") if path.suffix == self.suffix else path
            try:
                last_used = (manifest if manifest.exists() else path).stat().st_mtime
            except OSError:
                continue
            if last_used < now - unused_seconds:
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed

    def store(self, key: str, data: bytes, resources: dict[str, str]) -> None:
        """Keep data under key, with the files of the site it was made from
        (relative path -> SHA-256). The data first, then the manifest that
        makes the entry valid."""
        data_path, manifest_path = self._paths(key)
        manifest = {"format": CACHE_FORMAT, "key": key, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                    "resources": resources}
        write_atomically(data_path, data)
        write_atomically(manifest_path, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8"))


class PdfCache(OutputCache):
    """The meetings' PDFs (report_site.pdf)."""

    suffix = ".pdf"


class CardCache(OutputCache):
    """The link-preview cards (report_site.preview_cards)."""

    suffix = ".png"


class DerivedCache(OutputCache):
    """Outputs made from a file's bytes alone (and the code that makes them),
    some thousands a build: an entry needs no manifest, since reading it
    back checks it, and is not synced to disk one by one. An entry cut short
    by a crash, or otherwise unreadable, is treated as absent and made again."""

    def derived(self, parts: Iterable[str | bytes], read: Callable[[bytes], Derived],
                make: Callable[[], tuple[Derived, bytes]]) -> Derived:
        """read(the entry kept under the digest of `parts`), or, if there is
        none or read refuses it (ValueError, OSError, EOFError, zlib.error),
        make()'s value, its bytes kept for the next build."""
        path, _ = self._paths(digest([CACHE_FORMAT, *parts]))
        try:
            kept = read(path.read_bytes())
            os.utime(path)  # used: kept by prune()
            return kept
        except (OSError, ValueError, EOFError, zlib.error):  # absent, cut short or not one (BadGzipFile is an OSError)
            pass
        value, data = make()
        write_atomically(path, data, sync=False)
        return value


class GzipCache(DerivedCache):
    """Gzip copies of the site's text files, by their content (report_site.precompress,
    report_site.offline_reading, the offline zip). Checked by decompressing,
    far cheaper than compressing again: a copy that does not give back the
    same bytes is made again."""

    suffix = ".gz"

    def gzipped(self, data: bytes, compress: Callable[[bytes], bytes]) -> bytes:
        """compress(data), kept under the data's hash; the kept copy if it holds these bytes."""
        def checked(kept: bytes) -> bytes:
            if gzip.decompress(kept) != data:
                raise ValueError("a copy of other bytes")
            return kept

        def made() -> tuple[bytes, bytes]:
            compressed = compress(data)
            return compressed, compressed

        return self.derived([zlib.ZLIB_RUNTIME_VERSION, data], checked, made)


class FolderCache(OutputCache):
    """Folders a tool writes whole (each edition's Pagefind index), by the
    digest of everything the tool reads: kept as one uncompressed tar (the
    files in it are compressed already), behind the SHA-256 of the tar, so
    that an entry cut short or changed is refused and the folder made again."""

    suffix = ".tar"

    def restore_or_make(self, parts: Iterable[str | bytes], target: Path, make: Callable[[Path], None]) -> bool:
        """target as make(target) writes it: restored from the entry kept under
        the digest of `parts` (True), or made, and kept for the next build (False)."""
        path, _ = self._paths(digest([CACHE_FORMAT, *parts]))
        try:
            kept = path.read_bytes()
        except OSError:
            kept = b""
        sealed, packed = kept[:64], kept[64:]
        if kept and sealed.decode("ascii", "replace") == hashlib.sha256(packed).hexdigest():
            try:
                _unpack(packed, target)
                os.utime(path)  # used: kept by prune()
                return True
            except (ValueError, tarfile.TarError):  # not a tar _pack wrote: made again below
                pass
        make(target)
        packed = _pack(target)
        write_atomically(path, hashlib.sha256(packed).hexdigest().encode("ascii") + packed, sync=False)
        return False


def _pack(folder: Path) -> bytes:
    """folder's files as a tar that depends on their names and bytes alone."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                member = tarfile.TarInfo(path.relative_to(folder).as_posix())
                member.size, member.mode = len(data), 0o644
                archive.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


def _unpack(packed: bytes, target: Path) -> None:
    """The files of a tar _pack made, in target (emptied first)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(packed), mode="r") as archive:
        for member in archive.getmembers():
            extracted = archive.extractfile(member)
            destination = (target / member.name).resolve()
            if extracted is None or not destination.is_relative_to(target.resolve()):
                raise ValueError(f"{member.name}: not a file of the kept folder")
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(extracted.read())


def _file_digest(site_dir: Path, relative: str) -> str | None:
    path = site_dir / relative
    if not path.resolve().is_relative_to(site_dir.resolve()):
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def write_atomically(target: Path, data: bytes, sync: bool = True) -> None:
    """data at target, whole or not at all: written beside it, then renamed
    over it (and, with `sync`, on the disk before the rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            if sync:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
