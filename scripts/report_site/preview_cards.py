"""Link-preview cards: one PNG per published page of each edition, drawn at
build time, which a messenger or social site shows when a link to the page
is shared (og:image, overrides/partials/head-metadata.html).

A preview is fetched by the messenger's server from this site, not by the
reader's browser from anyone else, so it costs the reader nothing and tells
no third party what they read. The card says what the page is: its title,
the meeting it belongs to and that meeting's date, and the site's name, in
the edition's language and script, drawn with the fonts the PDF embeds
(pdf.css: Noto Sans, and Noto Sans Armenian for the letters it lacks), read
from Debian's fonts-noto-core: no font is fetched.

Cards live under each edition's root in PREVIEWS_DIR, at the page's address
(`assets/previews/meetings/london-2014/report.png`). They are written by a
post-build step of the online site only: the offline edition (a second
build, file://) has no link previews, so its zip has no cards, and no page
links to a card in a way a browser follows (og:image is read by crawlers).

Engine-free: the step takes the model and the built site.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # (no stubs; comes with WeasyPrint)
from PIL import Image, ImageDraw, ImageFont

from . import editions, parallel
from .build_cache import CACHE_FORMAT, CardCache, digest
from .problems import BuildFailed
from .site_model import PageRecord, SiteModel
from .strings import Strings, strings

WIDTH, HEIGHT = 1200, 630  # what Open Graph and X (Twitter) show large, 1.91:1
MEDIA_TYPE = "image/png"
PREVIEWS_DIR = "assets/previews"  # under each edition's root

# Debian's fonts-noto-core (scripts/setup.sh installs it; pdf.py checks it for the PDF).
FONT_DIR = Path("/usr/share/fonts/truetype/noto")
# Per weight, the fonts in the order pdf.css names them: Noto Sans has Latin (with
# Azerbaijani ə) and Cyrillic, Noto Sans Armenian the Armenian letters and punctuation.
FONT_FILES = {
    "regular": ("NotoSans-Regular.ttf", "NotoSansArmenian-Regular.ttf"),
    "bold": ("NotoSans-Bold.ttf", "NotoSansArmenian-Bold.ttf"),
}

Colour = tuple[int, int, int]

# Material's indigo primary (mkdocs.yml's palette: the site's header), and its text colours.
INDIGO: Colour = (0x40, 0x51, 0xB5)
WHITE: Colour = (0xFF, 0xFF, 0xFF)
TEXT: Colour = (0x21, 0x21, 0x21)  # Material's rgba(0, 0, 0, .87) on white
MUTED: Colour = (0x5C, 0x5C, 0x5C)  # 6.6:1 on white

MARGIN = 72
BAND = 104  # the indigo band at the top, holding the site's name
TITLE_SIZES = (68, 62, 56, 50, 45, 40)  # largest first: a long title shrinks before it wraps further
TITLE_TOP, TITLE_BOTTOM = BAND + 40, 440
FOOTER_SIZES = (34, 30, 26)
# Anti-aliased edges: each ink shades into white in this many steps. White and three
# inks in five steps are 16 colours, a 4-bit palette PNG: a third of the RGB image's
# bytes, and mapped to it in 3 ms where a palette computed per image took 115 (measured).
INK_STEPS = 5
PNG_COMPRESSION = 6  # zlib's default: 9 made cards 6 % smaller and drawing them 3.6 times slower (measured)


@dataclass(frozen=True)
class PreviewCard:
    """What one page's card says, and where it is published."""

    path: str  # relative to the edition's root
    title: str
    context: str  # the meeting the page belongs to (on the meeting's own page, its place), or ""
    date: str  # the meeting's date in the edition's long form, or ""
    site_name: str
    alt: str  # the card in words, for og:image:alt and twitter:image:alt


def card_path(page_url: str) -> str:
    """The card's path under the edition's root: the page's address as a file
    ('' -> assets/previews/index.png, 'meetings/x/' -> assets/previews/meetings/x.png)."""
    return f"{PREVIEWS_DIR}/{page_url.strip('/') or 'index'}.png"


def preview_card(record: PageRecord, model: SiteModel, t: Strings | None = None) -> PreviewCard | None:
    """The card of a published page in the model's edition; None for a draft
    (a draft is never published, so neither is its card)."""
    if record.is_draft:
        return None
    t = t or strings(model.language)
    site_name = t("site.name")
    title = t.label(record.kind, record.title)
    meeting = model.meeting_for(record)
    if meeting is None:
        return PreviewCard(card_path(record.url), title, "", "", site_name,
                           t("preview.alt.undated", title=title, site=site_name))
    date = t.long_date(meeting.meta["date"])
    if meeting.meta.get("year_inferred"):
        # As every page gives it: the source has no year, and a preview must not seem to.
        date = f"{date} ({t('date.year_inferred')})"
    if meeting is record:  # the meeting's own page: its place, not its name again
        context = meeting.meta["place"]
        alt = t("preview.alt.meeting", title=title, place=context, date=date, site=site_name)
    else:
        context = meeting.title
        alt = t("preview.alt", title=title, meeting=context, date=date, site=site_name)
    return PreviewCard(card_path(record.url), title, context, date, site_name, alt)


def write_preview_cards(model: SiteModel, site_dir: Path) -> None:
    """Post-build step at its plainest: every published page's card, in every
    edition, drawn afresh one after another (PreviewCards is the same step on
    several cores and with a cache)."""
    PreviewCards()(model, site_dir)


class PreviewCards:
    """The post-build step: every published page's card, in every edition,
    drawn on up to `jobs` processes at once. With a cache
    (report_site.build_cache), a card whose words and drawing are unchanged
    (card_key) is taken from it rather than drawn again; the summary says
    how many were."""

    def __init__(self, jobs: int = 1, cache: CardCache | None = None) -> None:
        self.jobs = jobs
        self.cache = cache
        self.drawn = 0
        self.reused = 0

    def __call__(self, model: SiteModel, site_dir: Path) -> None:
        wanted = [(site_dir / editions.edition(edition_model.language).prefix / card.path, card)
                  for edition_model in model.editions() for card in edition_cards(edition_model)]
        environment = drawing_environment() if self.cache else ""
        keys = [card_key(card, environment) for _, card in wanted]
        made: dict[int, bytes] = {}
        for number, key in enumerate(keys):
            cached = self.cache.load(key, site_dir) if self.cache else None
            if cached is not None:
                made[number] = cached
        missing = [number for number in range(len(wanted)) if number not in made]
        for number, data in zip(missing, parallel.run_all(draw_card, [wanted[n][1] for n in missing], self.jobs),
                                strict=True):
            made[number] = data
            if self.cache:
                self.cache.store(keys[number], data, {})
        if self.cache:
            self.cache.prune(time.time())
        for number, (target, _) in enumerate(wanted):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(made[number])
        self.drawn, self.reused = len(missing), len(wanted) - len(missing)

    def summary_lines(self) -> list[str]:
        if not self.cache:
            return []
        return [f"Preview cards: {self.drawn} drawn, {self.reused} reused from {self.cache.folder}."]


def edition_cards(model: SiteModel) -> list[PreviewCard]:
    """The cards of an edition's published pages, one per address."""
    t = strings(model.language)
    written: dict[str, str] = {}
    cards = []
    for record in model.pages:
        card = preview_card(record, model, t)
        if card is None:
            continue
        if card.path in written:  # the home page and a page at /index/ would both be index.png
            raise BuildFailed(f"{record.src_path}: preview card {card.path} is also {written[card.path]}'s "
                              "(expected one page per address)")
        written[card.path] = record.src_path
        cards.append(card)
    return cards


def card_key(card: PreviewCard, environment: str) -> str:
    """A card's cache key: what it says, and `environment` (drawing_environment)."""
    return digest([CACHE_FORMAT, environment, card.title, card.context, card.date, card.site_name])


def drawing_environment() -> str:
    """The digest of everything besides a card's words that shapes its pixels:
    this module (the layout, colours and compression), the fonts, and the
    versions of Pillow and fontTools."""
    import fontTools  # type: ignore[import-untyped]  # (no stubs)
    import PIL

    parts: list[str | bytes] = [Path(__file__).read_bytes(), f"Pillow {PIL.__version__}",
                                f"fontTools {fontTools.version}"]
    for name in sorted({name for names in FONT_FILES.values() for name in names}):
        path = FONT_DIR / name
        parts += [name, path.read_bytes() if path.is_file() else b""]
    return digest(parts)


def template_globals() -> dict[str, int | str]:
    """What og:image says of every card."""
    return {"width": WIDTH, "height": HEIGHT, "type": MEDIA_TYPE}


# Drawing ---------------------------------------------------------------------------------


@cache
def font(weight: str, size: int, index: int) -> ImageFont.FreeTypeFont:
    path = FONT_DIR / FONT_FILES[weight][index]
    if not path.is_file():
        raise BuildFailed(f"{path}: font not installed (expected Debian's fonts-noto-core: run scripts/setup.sh)")
    return ImageFont.truetype(str(path), size)


@cache
def covered(file_name: str) -> frozenset[int]:
    """The characters a font has a glyph for."""
    path = FONT_DIR / file_name
    if not path.is_file():
        raise BuildFailed(f"{path}: font not installed (expected Debian's fonts-noto-core: run scripts/setup.sh)")
    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache  # asked for every letter of every line tried
def font_for(char: str, weight: str = "regular") -> int:
    """Which of the weight's fonts draws the character: the first that has it
    (a character none has falls to Noto Sans, which shows it as a box)."""
    for index, name in enumerate(FONT_FILES[weight]):
        if ord(char) in covered(name):
            return index
    return 0


def runs(text: str, weight: str) -> list[tuple[int, str]]:
    """The text cut where the font changes. A space goes with the run before it."""
    found: list[tuple[int, str]] = []
    for char in text:
        index = found[-1][0] if found and char == " " else font_for(char, weight)
        if found and found[-1][0] == index:
            found[-1] = (index, found[-1][1] + char)
        else:
            found.append((index, char))
    return found


@lru_cache(maxsize=4096)  # wrapping measures the same words at each size it tries
def text_width(text: str, weight: str, size: int) -> float:
    return sum(font(weight, size, index).getlength(part) for index, part in runs(text, weight))


def wrap(text: str, weight: str, size: int, width: float) -> list[str] | None:
    """The text in lines no wider than `width`, broken between words; None
    when one word alone is wider."""
    lines: list[str] = []
    for word in text.split():
        if text_width(word, weight, size) > width:
            return None
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, weight, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def fit(text: str, weight: str, sizes: tuple[int, ...], width: float, height: float,
        leading: float = 1.22) -> tuple[int, list[str]]:
    """The largest size at which the text fits the box, and its lines. At the
    smallest size a text that still does not fit is cut, with an ellipsis,
    so nothing is ever drawn outside the box."""
    for size in sizes:
        lines = wrap(text, weight, size, width)
        if lines is not None and len(lines) * size * leading <= height:
            return size, lines
    size = sizes[-1]
    most = max(1, int(height // (size * leading)))
    lines = _break_anywhere(text, weight, size, width)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and text_width(last.rstrip() + "…", weight, size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return size, lines


def _break_anywhere(text: str, weight: str, size: int, width: float) -> list[str]:
    """Lines broken between words, and inside a word too wide for a line."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, weight, size) <= width:
            lines[-1] = candidate
            continue
        lines.append("")
        for char in word:
            if lines[-1] and text_width(lines[-1] + char, weight, size) > width:
                lines.append("")
            lines[-1] += char
    return lines


def draw_text(draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, weight: str, size: int,
              fill: Colour) -> None:
    """One line on a baseline, each run in the font that has its letters."""
    for index, part in runs(text, weight):
        face = font(weight, size, index)
        draw.text((x, baseline), part, font=face, fill=fill, anchor="ls")
        x += face.getlength(part)


def draw_lines(draw: ImageDraw.ImageDraw, top: float, lines: list[str], weight: str, size: int,
               fill: Colour, leading: float = 1.22) -> float:
    """Lines from `top` down; returns where the last one's box ends."""
    ascent, _ = font(weight, size, 0).getmetrics()
    step = size * leading
    for number, line in enumerate(lines):
        draw_text(draw, MARGIN, top + ascent + number * step, line, weight, size, fill)
    return top + len(lines) * step


def draw_card(card: PreviewCard) -> bytes:
    """The card as a palette PNG, the same bytes for the same card (PNG has no
    date unless asked for one, and none is)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    # The site's name, white on the indigo band, as in the site's header.
    draw.rectangle((0, 0, WIDTH, BAND), fill=INDIGO)
    name_size, name_lines = fit(card.site_name, "bold", (34, 30, 26), width, 34 * 1.3)  # one line
    ascent, descent = font("bold", name_size, 0).getmetrics()
    draw_text(draw, MARGIN, (BAND + ascent - descent) / 2, name_lines[0], "bold", name_size, WHITE)
    # The meeting and its date at the foot, under a rule.
    footer = [(line, colour) for line, colour in ((card.context, MUTED), (card.date, INDIGO)) if line]
    foot_size = FOOTER_SIZES[0]
    foot_lines: list[tuple[str, Colour]] = []
    for line, colour in footer:
        size, fitted = fit(line, "regular", FOOTER_SIZES, width, FOOTER_SIZES[-1] * 1.3)
        foot_size = min(foot_size, size)
        foot_lines.append((fitted[0], colour))
    # The title, as large as it fits between the band and the foot, centred between them.
    title_bottom = TITLE_BOTTOM if footer else HEIGHT - 72
    size, lines = fit(card.title, "bold", TITLE_SIZES, width, title_bottom - TITLE_TOP)
    block = len(lines) * size * 1.22
    draw_lines(draw, TITLE_TOP + (title_bottom - TITLE_TOP - block) / 2, lines, "bold", size, TEXT)
    if footer:
        draw.rectangle((MARGIN, TITLE_BOTTOM + 24, MARGIN + 96, TITLE_BOTTOM + 29), fill=INDIGO)
        top: float = TITLE_BOTTOM + 52
        for line, colour in foot_lines:
            top = draw_lines(draw, top, [line], "regular", foot_size, colour, leading=1.3)
    return png_bytes(image, (TEXT, MUTED, INDIGO))


def palette(background: Colour, inks: tuple[Colour, ...], steps: int = INK_STEPS) -> Image.Image:
    """The background and each ink in `steps` steps from it: every colour that
    text drawn in those inks on that background can take."""
    colours = [background]
    for ink in inks:
        for step in range(1, steps + 1):
            share = step / steps
            colours.append((round(background[0] + (ink[0] - background[0]) * share),
                            round(background[1] + (ink[1] - background[1]) * share),
                            round(background[2] + (ink[2] - background[2]) * share)))
    image = Image.new("P", (1, 1))
    image.putpalette([value for colour in colours for value in colour])
    return image


def png_bytes(image: Image.Image, inks: tuple[Colour, ...], background: Colour = WHITE, steps: int = INK_STEPS) -> bytes:
    """The image as a palette PNG of its inks' shades, each pixel the nearest,
    without dithering (which would speckle flat colour), and nothing but pixels
    in the file: no date, no text chunk."""
    quantized = image.quantize(palette=palette(background, inks, steps), dither=Image.Dither.NONE)
    out = io.BytesIO()
    quantized.save(out, format="PNG", compress_level=PNG_COMPRESSION)
    return out.getvalue()
