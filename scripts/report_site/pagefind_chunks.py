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

The cut keeps together the words that begin alike (stem_groups), as long
as they hold no more than GROUP_LIMIT locations together: Pagefind
completes a typed word with the words that begin with it, found in the one
chunk it loads, so a typed stem finds all its words, as it does in
Pagefind's own chunks where no boundary of theirs falls among them. Only a
stem of one or two letters, or one as frequent as "sülh" at a thousand
meetings, has more words than that; its words then span chunks, as they
may span Pagefind's own (measured at a hundred meetings: the results of 30
queries in four editions unchanged but for the order of equally matching
reports for "do no harm", whose "no" begins thousands of words). Each chunk's range (what typed words it
answers for) ends where its last word and the next chunk's first begin to
differ, so a stem leads to the chunk its words are in.

The format, as Pagefind's web code reads it (pagefind_web/src/metadata.rs,
index.rs): each file is gzip of b"pagefind_dcd" followed by CBOR; the
metadata file lists the chunks as [from, to, name], and an index chunk is
[[word, [[page, [location, ...]], ...]], ...]. The words, pages and
locations are moved, never changed, and Pagefind's own order of the words
kept: tests/test_pagefind_chunks.py checks that every word keeps its pages
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
GROUP_LIMIT = 8000  # words that begin alike stay in one chunk up to this many locations together
LAST_CHARACTER = "\U0010ffff"  # after every other: the last chunk's range ends with it

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


def stem_groups(words: list[IndexWord], length: int = 1, limit: int = GROUP_LIMIT) -> list[list[IndexWord]]:
    """The words, in their order, in runs that begin alike over `length`
    characters (a shorter word on its own); a run of more than `limit`
    locations in runs that begin alike over one character more, and so on.
    A chunk ends only between two runs: every word a typed stem could complete
    to is in one chunk, except for a stem so frequent that its words alone
    would fill several (at a thousand meetings, "sülh")."""
    groups: list[list[IndexWord]] = []
    run: list[IndexWord] = []
    for word in words:
        if run and word[0][:length] != run[-1][0][:length]:
            groups += split_if_large(run, length, limit)
            run = []
        run.append(word)
    if run:
        groups += split_if_large(run, length, limit)
    return groups


def split_if_large(run: list[IndexWord], length: int, limit: int) -> list[list[IndexWord]]:
    if len(run) > 1 and sum(locations(word) for word in run) > limit:
        return stem_groups(run, length + 1, limit)
    return [run]


def cut(words: list[IndexWord], size: int = LOCATIONS_PER_CHUNK, limit: int = GROUP_LIMIT) -> list[list[IndexWord]]:
    """The words, in their order, in chunks of whole stem_groups, as many
    groups in each as `size` locations hold, a larger group alone."""
    chunks: list[list[IndexWord]] = []
    chunk: list[IndexWord] = []
    held = 0
    for group in stem_groups(words, limit=limit):
        weight = sum(locations(word) for word in group)
        if chunk and held + weight > size:  # a group that would overfill the chunk starts the next one
            chunks.append(chunk)
            chunk, held = [], 0
        chunk += group
        held += weight
    if chunk:
        chunks.append(chunk)
    return chunks


def chunk_ranges(chunks: list[list[IndexWord]]) -> list[tuple[str, str]]:
    """The range of typed words each chunk answers for (Pagefind loads the
    first chunk whose range holds a typed word), so that a stem finds the
    chunk its words are in: between two chunks, the range changes where
    the last word of one and the first of the next begin to differ."""
    starts = [""]  # the first chunk from the start, the last one to the end
    ends = []
    for before, after in zip(chunks, chunks[1:], strict=False):
        last, first = before[-1][0], after[0][0]
        common = common_prefix_length(last, first)
        # The last word is all the two have in common (a prefix of the next one): it ends
        # its chunk's range; otherwise the range ends past every word that begins as it does.
        ends.append(last if common == len(last) else last[:common + 1] + LAST_CHARACTER)
        starts.append(first[:common + 1])
    ends.append(LAST_CHARACTER)
    return list(zip(starts, ends, strict=True))


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
        meta[2] = [[start, end, name] for (start, end), name in zip(chunk_ranges(chunks), names, strict=True)]
        meta_content = pagefind_file_bytes(meta)
        meta_path.unlink()
        about["hash"] = next(unique_names(language, [meta_content], 10))
        (bundle / f"pagefind.{about['hash']}.pf_meta").write_bytes(meta_content)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
