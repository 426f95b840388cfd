"""Link-preview cards (report_site.preview_cards): every published page of
every edition names a card in its head that exists, at the size it says,
described in the edition's language; the cards show real glyphs of each
script, never overflow, are the same bytes on every build, and are never
drawn for a draft nor packed into the offline zip."""

from __future__ import annotations

import io
import shutil
import unicodedata
import zipfile

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from report_site import editions
from report_site.build_cache import CardCache
from report_site.downloads import ZIP_PATH
from report_site.preparation import prepare_site
from report_site.preview_cards import (
    FONT_DIR,
    FONT_FILES,
    HEIGHT,
    MARGIN,
    PREVIEWS_DIR,
    TITLE_BOTTOM,
    TITLE_SIZES,
    TITLE_TOP,
    WIDTH,
    PreviewCard,
    PreviewCards,
    draw_card,
    fit,
    font_for,
    preview_card,
    text_width,
    write_preview_cards,
)
from report_site.publish import build
from report_site.strings import strings
from support import DATA, DOCS, built_page, edit, head_tags, replace_once, tree_digest

# The letters each edition's own words are written in (editions.yaml's script).
SCRIPT_WORD = {"Latn": "LATIN", "Cyrl": "CYRILLIC", "Armn": "ARMENIAN"}


def scripts_of(text: str) -> set[str]:
    return {unicodedata.name(char).split()[0] for char in text if char.isalpha()}


def test_every_page_of_every_edition_has_a_card_in_its_head(built_site, built_model):
    checked = 0
    for model in built_model.editions():
        language = editions.edition(model.language)
        t = strings(model.language)
        for record in model.pages:
            head = head_tags(built_page(built_site, language.prefix, record.url))
            page_url = head["og:url"][0]
            edition_root = page_url[: len(page_url) - len(record.url)]
            [image] = head["og:image"]
            assert image.startswith(edition_root + PREVIEWS_DIR + "/") and image.endswith(".png"), image
            card = built_site / language.prefix / image[len(edition_root):]
            with Image.open(card) as opened:
                assert opened.format == "PNG"
                assert opened.size == (int(head["og:image:width"][0]), int(head["og:image:height"][0])) == (1200, 630)
            assert head["og:image:type"] == ["image/png"]
            assert head["twitter:card"] == ["summary_large_image"]
            [alt] = head["og:image:alt"]
            assert head["twitter:image:alt"] == [alt]
            # A sentence in the edition's language: its own words around the page's title.
            title = t.label(record.kind, record.title)
            assert title in alt and t("site.name") in alt, (record.url, alt)
            assert alt.split()[0] == t("preview.alt.undated", title="", site="").split()[0], alt
            frame = alt.replace(title, "").replace(t("site.name"), "")
            assert SCRIPT_WORD[language.script] in scripts_of(frame), (model.language, alt)
            checked += 1
    assert checked == sum(len(model.pages) for model in built_model.editions()) > 4 * 30


def test_a_card_shows_the_page_and_two_pages_differ(built_site):
    report = Image.open(built_site / PREVIEWS_DIR / "meetings/london-2014/report.png").convert("RGB")
    about = Image.open(built_site / PREVIEWS_DIR / "about.png").convert("RGB")
    for card in (report, about):
        colours = dict((colour, count) for count, colour in card.getcolors(WIDTH * HEIGHT))
        assert colours.get((0x40, 0x51, 0xB5), 0) > WIDTH * 80, "the indigo band with the site's name"
        dark = sum(count for colour, count in colours.items() if sum(colour) < 200)
        assert dark > 5000, "the title, in dark letters"
    assert report.tobytes() != about.tobytes()


def test_the_cards_of_an_edition_are_in_its_letters(built_site):
    """The Russian and Armenian cards differ from the English one where their
    words are: the band with the site's name, drawn in each edition's script."""
    bands = {code: Image.open(built_site / prefix / PREVIEWS_DIR / "about.png").convert("RGB").crop((0, 0, WIDTH, 104)).tobytes()
             for code, prefix in (("en", ""), ("ru", "ru/"), ("hy", "hy/"), ("az", "az/"))}
    assert len(set(bands.values())) == 4


def test_cards_are_small_and_only_on_the_online_site(built_site):
    cards = sorted((built_site / PREVIEWS_DIR).rglob("*.png"))
    assert cards and all(path.stat().st_size < 40_000 for path in cards), max(path.stat().st_size for path in cards)
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        names = archive.namelist()
        assert not [name for name in names if "/assets/previews/" in name or name.endswith(".png") and "previews" in name]
        pages = [name for name in names if name.endswith(".html")]
        assert pages
        for name in pages:
            text = archive.read(name).decode("utf-8")
            assert 'property="og:image' not in text and "summary_large_image" not in text, name


def test_no_card_for_a_draft(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copy(DATA / "drafts" / "qz7-internal-notes.md", docs / "qz7-internal-notes.md")
    shutil.copy(DATA / "drafts" / "qz7-draft-term.md", docs / "glossary" / "qz7-draft-term.md")
    result = build(docs_dir=docs, site_dir=tmp_path / "site", steps=[write_preview_cards])
    cards = {path.relative_to(tmp_path / "site" / PREVIEWS_DIR).as_posix() for path in (tmp_path / "site" / PREVIEWS_DIR).rglob("*.png")}
    assert cards == {(page.url.strip("/") or "index") + ".png" for page in result.model.pages}
    assert not [card for card in cards if "qz7" in card]
    # What `mkdocs serve` loads, drafts among the pages: still no card for them.
    served = prepare_site(docs, include_drafts=True).model
    drafts = [page for page in served.pages if page.is_draft]
    assert len(drafts) == 2
    assert [preview_card(page, served) for page in drafts] == [None, None]


# The drawer ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", editions.codes())
def test_the_longest_title_of_each_edition_wraps_inside_the_card(code):
    title = max((page.title for page in prepare_site(DOCS, language=code).model.pages), key=len)
    width, height = WIDTH - 2 * MARGIN, TITLE_BOTTOM - TITLE_TOP
    size, lines = fit(title, "bold", TITLE_SIZES, width, height)
    assert len(lines) > 1, "long enough to wrap"
    assert " ".join(lines) == title, "every word, none cut"
    assert all(text_width(line, "bold", size) <= width for line in lines)
    assert len(lines) * size * 1.22 <= height


def test_a_title_too_long_for_any_size_is_cut_never_drawn_outside():
    title = "Peacebuilding " * 40 + "Antidisestablishmentarianismantidisestablishmentarianism" * 3
    width = WIDTH - 2 * MARGIN
    size, lines = fit(title, "bold", TITLE_SIZES, width, TITLE_BOTTOM - TITLE_TOP)
    assert size == TITLE_SIZES[-1] and lines[-1].endswith("…")
    assert all(text_width(line, "bold", size) <= width for line in lines)
    size, lines = fit("Peacebuilding meeting reports " * 3, "bold", (34, 30, 26), width, 34 * 1.3)
    assert len(lines) == 1 and lines[0].endswith("…"), "the band holds one line of the site's name"
    card = Image.open(io.BytesIO(draw_card(PreviewCard("x.png", title, "Somewhere " * 20, "21 October 2014",
                                                       "Peacebuilding meeting reports " * 3, "alt")))).convert("RGB")
    # Nothing in the margins, left or right, of the whole card.
    for box in ((0, 0, MARGIN - 8, HEIGHT), (WIDTH - MARGIN + 8, 0, WIDTH, HEIGHT)):
        colours = {colour for _, colour in card.crop(box).getcolors(WIDTH * HEIGHT)}
        assert colours <= {(255, 255, 255), (0x40, 0x51, 0xB5)}, (box, colours)


def test_every_letter_of_each_edition_has_a_glyph_in_the_font_that_draws_it():
    cmaps = {name: set(TTFont(str(FONT_DIR / name)).getBestCmap()) for weight in FONT_FILES.values() for name in weight}
    seen_scripts = set()
    for language in editions.all_editions():
        model = prepare_site(DOCS, language=language.code).model
        words = [strings(language.code)("site.name")]
        for page in model.pages:
            card = preview_card(page, model)
            assert card is not None
            words += [card.title, card.context, card.date]
        for text in words:
            seen_scripts |= scripts_of(text)
            for char in text.replace(" ", ""):
                for weight, names in FONT_FILES.items():
                    assert ord(char) in cmaps[names[font_for(char, weight)]], (language.code, char, weight)
    assert {"LATIN", "CYRILLIC", "ARMENIAN"} <= seen_scripts


def test_armenian_letters_are_drawn_with_the_armenian_font_and_others_with_noto_sans():
    assert FONT_FILES["bold"][font_for("Խ", "bold")] == "NotoSansArmenian-Bold.ttf"
    assert FONT_FILES["bold"][font_for("ə", "bold")] == "NotoSans-Bold.ttf"
    assert FONT_FILES["regular"][font_for("ж")] == "NotoSans-Regular.ttf"


def test_a_card_is_the_same_bytes_every_time_with_nothing_but_pixels():
    card = PreviewCard("x.png", "Report", "London joint strategic meeting", "21 October 2014",
                       "Peacebuilding meeting reports", "alt")
    first = draw_card(card)
    assert draw_card(card) == first
    chunks = []
    position = 8
    while position < len(first):
        length = int.from_bytes(first[position:position + 4], "big")
        chunks.append(first[position + 4:position + 8].decode("ascii"))
        position += length + 12
    assert chunks[0] == "IHDR" and chunks[-1] == "IEND"
    assert set(chunks) <= {"IHDR", "PLTE", "IDAT", "IEND"}, chunks
    assert first[24:26] == bytes([4, 3]), "a 4-bit palette image"


def test_each_page_of_an_edition_has_its_own_card_path(built_model):
    for model in built_model.editions():
        paths = [preview_card(page, model).path for page in model.pages]
        assert len(set(paths)) == len(paths)



def test_in_a_collection_a_page_of_no_meeting_names_none_and_each_meetings_page_its_own(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    shutil.copytree(DATA / "second-meeting", docs, dirs_exist_ok=True)
    model = prepare_site(docs).model
    assert len(model.of_kind("meeting")) == 2
    home = preview_card(model.by_src["index.md"], model)
    assert home is not None and (home.context, home.date) == ("", "")
    assert home.alt == f"Preview card: the title “{home.title}” and the site’s name, Peacebuilding meeting reports."
    drawn = Image.open(io.BytesIO(draw_card(home))).convert("RGB")  # no foot: the title has the room
    assert sum(count for count, colour in drawn.getcolors(WIDTH * HEIGHT) if sum(colour) < 200) > 5000
    for meeting in model.of_kind("meeting"):
        report = preview_card(model.report_of(meeting.id), model)
        assert report is not None and report.context == meeting.title
        date = strings("en").long_date(meeting.meta["date"])
        if meeting.meta.get("year_inferred"):  # London's year is this edition's inference, and the card says so
            date += " (the year is inferred)"
        assert report.date == date and report.date in report.alt
        own = preview_card(meeting, model)
        assert own is not None and own.context == meeting.meta["place"]


def test_a_card_is_drawn_again_only_when_what_it_says_changed(tmp_path):
    """With a cache, an unchanged build draws no card, a retitled page's card
    alone is drawn again, and the site is byte for byte the one drawn afresh."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    cache = CardCache(tmp_path / "cache")

    def cards_build(name: str, with_cache: CardCache | None, jobs: int = 2) -> PreviewCards:
        step = PreviewCards(jobs=jobs, cache=with_cache)
        result = build(docs_dir=docs, site_dir=tmp_path / name, steps=[step], jobs=jobs)
        assert result.notes == step.summary_lines()
        return step

    first = cards_build("first", cache)
    assert first.drawn > 10 and first.reused == 0
    again = cards_build("again", cache)
    assert (again.drawn, again.reused) == (0, first.drawn)
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "first")
    edit(docs, "glossary/do-no-harm.md", replace_once("title: Do no harm", "title: Do no harm, the principle"))
    retitled = cards_build("retitled", cache)
    assert (retitled.drawn, retitled.reused) == (1, first.drawn - 1)
    assert retitled.summary_lines() == [f"Preview cards: 1 drawn, {first.drawn - 1} reused from {cache.folder}."]
    cards_build("cold", None, jobs=1)
    assert tree_digest(tmp_path / "retitled") == tree_digest(tmp_path / "cold")
