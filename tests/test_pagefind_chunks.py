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
    GROUP_LIMIT,
    LOCATIONS_PER_CHUNK,
    IndexWord,
    chunk_ranges,
    cut,
    locations,
    pagefind_file_bytes,
    read_pagefind_file,
    rechunk_bundle,
    stem_groups,
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


def stems_found_apart(chunks: list[list[str]], words: list[IndexWord], holder: dict[str, str],
                      limit: int) -> list[str]:
    """Each word, and each stem of it whose words hold no more than `limit`
    locations together, for which the chunk Pagefind loads lacks one of them."""
    spellings = [word[0] for word in words]
    weight = {word[0]: locations(word) for word in words}
    problems = []
    for spelling in spellings:
        if holder[spelling] != chunk_pagefind_loads(chunks, spelling):
            problems.append(f"{spelling!r} is not in the chunk it loads")
        for length in range(1, len(spelling)):
            stem = spelling[:length]
            completions = [other for other in spellings if other.startswith(stem)]
            loaded = chunk_pagefind_loads(chunks, stem)
            if sum(weight[other] for other in completions) <= limit and any(holder[other] != loaded for other in completions):
                problems.append(f"{stem!r} loads {loaded}, without {[o for o in completions if holder[o] != loaded][:3]}")
    return problems


def test_every_stem_finds_all_its_words_in_the_chunk_pagefind_loads(pagefind_site):
    """On the built Russian edition: each word, and each stem of it, leads
    Pagefind to the one chunk holding every word that begins with that stem
    (here no stem has more than GROUP_LIMIT locations); every word is there
    once, in Pagefind's order; and the chunks are small (Pagefind's own hold
    20,000 locations: one chunk for an edition of one meeting)."""
    bundle = pagefind_site / "ru" / OUTPUT_DIR
    chunks, words = bundle_index(bundle)["ru"]
    assert len(chunks) > 1
    holder = {}
    for _start, _end, name in chunks:
        chunk_words = read_pagefind_file(bundle / "index" / f"{name}.pf_index")[0]
        assert sum(locations(word) for word in chunk_words) < LOCATIONS_PER_CHUNK + GROUP_LIMIT, name
        holder.update({word[0]: name for word in chunk_words})
    spellings = [word[0] for word in words]
    assert spellings == sorted(spellings) and len(set(spellings)) == len(spellings)
    assert stems_found_apart(chunks, words, holder, GROUP_LIMIT) == []


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
       st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=200))
def test_a_cut_keeps_the_order_and_finds_every_stem_of_a_bounded_weight(made_up, size, limit):
    words: list[IndexWord] = [[text, [[0, list(range(count))]]] for text, count in sorted(made_up)]
    chunks = cut(words, size, limit)
    assert [word for chunk in chunks for word in chunk] == words
    # As many whole stem groups in a chunk as `size` holds (a larger group alone), no fewer.
    groups = stem_groups(words, limit=limit)
    group_of = {word[0]: number for number, group in enumerate(groups) for word in group}
    weight = [sum(locations(word) for word in chunk) for chunk in chunks]
    for number, chunk in enumerate(chunks):
        assert weight[number] <= size or len({group_of[word[0]] for word in chunk}) == 1
        if number + 1 < len(chunks):
            assert group_of[chunk[-1][0]] != group_of[chunks[number + 1][0][0]]
            following = groups[group_of[chunks[number + 1][0][0]]]
            assert weight[number] + sum(locations(word) for word in following) > size
    names = [f"c{number}" for number in range(len(chunks))]
    ranges = [[start, end, name] for (start, end), name in zip(chunk_ranges(chunks), names, strict=True)]
    holder = {word[0]: name for chunk, name in zip(chunks, names, strict=True) for word in chunk}
    assert stems_found_apart(ranges, words, holder, limit) == []
