"""Pagefind's word index cut again into small chunks (report_site.pagefind_chunks):
every word keeps its pages and places, a typed stem finds every word it
could complete to in the one chunk Pagefind loads for it, and the chunks
are small. Checked on the words of a real bundle (the four editions' built
site) and on made-up words; the browser tests (test_pagefind_search.py,
test_browser_editions.py) search the cut index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from report_site.pagefind_chunks import (
    LOCATIONS_PER_CHUNK,
    PREFIX_LENGTH,
    IndexWord,
    cut,
    locations,
    pagefind_file_bytes,
    read_pagefind_file,
    rechunk_bundle,
    unique_names,
)
from report_site.pagefind_search import OUTPUT_DIR


def bundle_index(bundle: Path) -> dict[str, tuple[list[list[str]], list[IndexWord]]]:
    """Per language: its chunks' [from, to, name], and its words in the chunks' order."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    found = {}
    for language, about in entry["languages"].items():
        meta = read_pagefind_file(bundle / f"pagefind.{about['hash']}.pf_meta")
        words = [word for _, _, name in meta[2] for word in read_pagefind_file(bundle / "index" / f"{name}.pf_index")[0]]
        found[language] = (meta[2], words)
    return found


def chunk_pagefind_loads(chunks: list[list[str]], term: str) -> str | None:
    """The chunk Pagefind's search fetches for a typed term: the first whose range
    holds it (pagefind_web/src/lib.rs, try_request_indexes, strict bounds)."""
    return next((name for start, end, name in chunks if start <= term <= end), None)


def test_every_stem_finds_all_its_words_in_the_chunk_pagefind_loads(pagefind_site):
    """On the built Russian edition: each word, and each stem of it of
    PREFIX_LENGTH characters or more, leads Pagefind to the one chunk holding
    every word that begins with that stem; every word keeps its pages and
    places; and the chunks are small (Pagefind's own are 20,000 locations)."""
    chunks, words = bundle_index(pagefind_site / "ru" / OUTPUT_DIR)["ru"]
    assert len(chunks) > 1
    holder = {}
    for _start, _end, name in chunks:
        chunk_words = read_pagefind_file(pagefind_site / "ru" / OUTPUT_DIR / "index" / f"{name}.pf_index")[0]
        # Closed at the first place it may be once it is full: what comes before its last stem is not full.
        last = chunk_words[-1][0]
        before_last_stem = [word for word in chunk_words
                            if word[0][:PREFIX_LENGTH] != last[:PREFIX_LENGTH] and not last.startswith(word[0])]
        assert sum(locations(word) for word in before_last_stem) < LOCATIONS_PER_CHUNK, name
        holder.update({word[0]: name for word in chunk_words})
    spellings = [word[0] for word in words]
    assert spellings == sorted(spellings) and len(set(spellings)) == len(spellings)
    problems = []
    for spelling in spellings:
        for length in range(PREFIX_LENGTH, len(spelling) + 1):
            stem = spelling[:length]
            loaded = chunk_pagefind_loads(chunks, stem)
            missing = [other for other in spellings if other.startswith(stem) and holder[other] != loaded]
            if missing:
                problems.append(f"{stem!r} loads {loaded}, without {missing[:3]}")
    assert problems == [], problems[:5]


def test_cutting_again_moves_the_words_and_changes_none(pagefind_site, tmp_path):
    """Pagefind's own chunks (as it writes them, one per 20,000 locations) cut
    again: the same words, pages and places, in the same order, and the
    bundle's other files as they were."""
    original = tmp_path / "original"
    shutil.copytree(pagefind_site / "az" / OUTPUT_DIR, original)
    # One chunk of the whole index, as Pagefind writes a bundle this small.
    entry = json.loads((original / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_name = f"pagefind.{entry['languages']['az']['hash']}.pf_meta"
    meta = read_pagefind_file(original / meta_name)
    words = bundle_index(original)["az"][1]
    for _, _, name in meta[2]:
        (original / "index" / f"{name}.pf_index").unlink()
    whole = pagefind_file_bytes([words])
    name = next(unique_names("az", [whole], 7))
    (original / "index" / f"{name}.pf_index").write_bytes(whole)
    meta[2] = [[words[0][0], words[-1][0], name]]
    (original / meta_name).write_bytes(pagefind_file_bytes(meta))
    others = {path.relative_to(original): path.read_bytes() for path in original.rglob("*")
              if path.is_file() and "index" not in path.parts and path.suffix != ".pf_meta" and path.name != "pagefind-entry.json"}

    rechunk_bundle(original)
    chunks, after = bundle_index(original)["az"]
    assert after == words
    assert len(chunks) > 1
    assert {path.relative_to(original): path.read_bytes() for path in original.rglob("*")
            if path.relative_to(original) in others} == others
    new_meta = read_pagefind_file(next(original.glob("pagefind.az_*.pf_meta")))
    assert [field for number, field in enumerate(new_meta) if number != 2] == \
        [field for number, field in enumerate(meta) if number != 2]
    # What the build published: cutting depends on the words alone, however Pagefind had cut them.
    def files(bundle: Path) -> dict[str, bytes]:
        return {path.relative_to(bundle).as_posix(): path.read_bytes() for path in sorted(bundle.rglob("*"))
                if path.is_file() and path.suffix != ".gz"}
    assert files(original) == files(pagefind_site / "az" / OUTPUT_DIR)


spelling = st.text(alphabet="abcçdeəfgğhıijk", min_size=1, max_size=6)


@given(st.lists(st.tuples(spelling, st.integers(min_value=1, max_value=40)), min_size=1, max_size=60, unique_by=lambda w: w[0]),
       st.integers(min_value=1, max_value=60))
def test_a_cut_keeps_the_order_and_parts_no_stem(made_up, size):
    words: list[IndexWord] = [[text, [[0, list(range(count))]]] for text, count in sorted(made_up)]
    chunks = cut(words, size)
    assert [word for chunk in chunks for word in chunk] == words
    for before, after in zip(chunks, chunks[1:], strict=False):
        last, first = before[-1][0], after[0][0]
        assert last[:PREFIX_LENGTH] != first[:PREFIX_LENGTH] and not first.startswith(last), (last, first)
        assert sum(locations(word) for word in before) >= size
