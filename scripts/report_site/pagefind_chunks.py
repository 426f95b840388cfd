"""Pagefind's word index, cut again into small chunks, so that each word a
reader types downloads a few KiB rather than about 20.

Pagefind (pinned at 1.5.2) cuts an edition's word index into chunks of
20,000 word locations, a figure fixed in its code (`chunk_index(word_map,
20000)` in pagefind/src/index/mod.rs), and its search fetches the one chunk
whose range holds each typed word (`try_request_indexes` in
pagefind_web/src/lib.rs). At a hundred meetings such a chunk is 17-21 KiB
gzipped, so a two-word query costs about 40 KiB of index before any result,
whatever the words. Cut into chunks of LOCATIONS_PER_CHUNK locations, the
same words cost what they weigh: a rare word a few KiB, a frequent one its
own list of places (which no chunking can make smaller).

The cut never separates words that share their first PREFIX_LENGTH
characters (a shorter word stays with the words it begins): Pagefind
completes a typed word with the words that begin with it, found in the one
chunk it loads, so all the words a typed stem of PREFIX_LENGTH or more
characters could complete to are in that chunk. Each chunk's range is
written to take every such stem: from the first word's prefix to the last
word's prefix followed by the last Unicode character.

The format, as Pagefind's web code reads it (pagefind_web/src/metadata.rs,
index.rs): each file is gzip of b"pagefind_dcd" followed by CBOR; the
metadata file lists the chunks as [from, to, name], and an index chunk is
[[word, [[page, [location, ...]], ...]], ...]. The words, pages and
locations are moved, never changed, and Pagefind's own order of the words
kept: tests/test_pagefind_search.py checks that every word keeps its pages
and places, and the relevance tests run on the cut index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"  # what Pagefind's reader expects at the start of every file, once unzipped
LOCATIONS_PER_CHUNK = 4000  # a chunk is closed once it holds this many (Pagefind counts a page's locations + 1)
PREFIX_LENGTH = 2  # words that begin alike over this many characters stay in one chunk
LAST_CHARACTER = "\U0010ffff"  # after every other: a chunk's range ends with its last prefix followed by it

IndexWord = list[Any]  # [word, [[page number, [location, ...]], ...]]


class PagefindFormatError(RuntimeError):
    pass


def read_pagefind_file(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PagefindFormatError(f"{path}: not a Pagefind file (expected it to begin with {SIGNATURE!r} once unzipped)")
    return cbor2.loads(data[len(SIGNATURE):])


def pagefind_file_bytes(value: Any) -> bytes:
    """What Pagefind writes for value: gzip (without a time in its header, so the
    same value gives the same bytes) of the signature and the CBOR."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def locations(word: IndexWord) -> int:
    """What a word counts for in a chunk's size, as Pagefind counts it."""
    return sum(len(page[1]) + 1 for page in word[1])


def common_prefix_length(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def may_part(before: str, after: str) -> bool:
    """Whether a chunk may end with `before` and the next begin with `after`
    (consecutive words): only if no stem of PREFIX_LENGTH characters, nor a
    shorter word whole, begins both."""
    return common_prefix_length(before, after) < min(PREFIX_LENGTH, len(before), len(after))


def cut(words: list[IndexWord], size: int = LOCATIONS_PER_CHUNK) -> list[list[IndexWord]]:
    """The words, in their order, in chunks of at least `size` locations (the
    last one may be smaller), each ended only where may_part allows."""
    chunks: list[list[IndexWord]] = []
    chunk: list[IndexWord] = []
    held = 0
    for number, word in enumerate(words):
        chunk.append(word)
        held += locations(word)
        following = words[number + 1][0] if number + 1 < len(words) else None
        if held >= size and (following is None or may_part(word[0], following)):
            chunks.append(chunk)
            chunk, held = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def chunk_range(chunk: list[IndexWord]) -> tuple[str, str]:
    """The range of typed words a chunk answers for: every word in it, and
    every word that begins with one of its PREFIX_LENGTH-character stems."""
    return chunk[0][0][:PREFIX_LENGTH], chunk[-1][0][:PREFIX_LENGTH] + LAST_CHARACTER


def unique_names(language: str, contents: list[bytes], length: int) -> Iterator[str]:
    """Pagefind's kind of file name, `<language>_<hex>`: the start of each
    content's SHA-256, longer where two would share one."""
    taken: set[str] = set()
    for content in contents:
        digest = hashlib.sha256(content).hexdigest()
        size = length
        while f"{language}_{digest[:size]}" in taken:
            size += 1
        taken.add(f"{language}_{digest[:size]}")
        yield f"{language}_{digest[:size]}"


def rechunk_bundle(bundle: Path, size: int = LOCATIONS_PER_CHUNK) -> None:
    """Cut again the word index of every language in a Pagefind bundle (its
    `pagefind-entry.json`, metadata and `index/` files rewritten; its
    fragments, filters and scripts left as they are)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read_pagefind_file(meta_path)
        if not isinstance(meta, list) or len(meta) < 3 or not isinstance(meta[2], list):
            raise PagefindFormatError(f"{meta_path}: expected Pagefind 1.5's metadata, its third field the index chunks")
        old_chunks = [bundle / "index" / f"{name}.pf_index" for _, _, name in meta[2]]
        words = [word for path in old_chunks for word in read_pagefind_file(path)[0]]
        chunks = cut(words, size)
        contents = [pagefind_file_bytes([chunk]) for chunk in chunks]
        names = list(unique_names(language, contents, 7))
        for path in old_chunks:
            path.unlink()
        for name, content in zip(names, contents, strict=True):
            (bundle / "index" / f"{name}.pf_index").write_bytes(content)
        meta[2] = [[*chunk_range(chunk), name] for chunk, name in zip(chunks, names, strict=True)]
        meta_content = pagefind_file_bytes(meta)
        meta_path.unlink()
        about["hash"] = next(unique_names(language, [meta_content], 10))
        (bundle / f"pagefind.{about['hash']}.pf_meta").write_bytes(meta_content)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
