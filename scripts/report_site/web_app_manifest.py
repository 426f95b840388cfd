"""A web app manifest per edition (`manifest.webmanifest` at its root), so a
reader can add the edition to a phone's home screen under its own name, in
its own language, and open it from there like an app.

Each edition is an app of its own: its start_url, scope and id are its root,
written relative to the manifest so that they hold under any site_url path
(the manifest's address is their base). Its icons, drawn at build time with
the fonts the cards use (report_site.preview_cards), are a page on the
site's indigo with the initial of the edition's short name, so two editions
on one home screen can be told apart; one of them is `maskable` (the glyph
inside the safe circle that a launcher may crop to).

Only the online site has it: the offline edition, opened from file://, can
have no manifest (it is its own post-build step, never run for the zip).
Every page's head links it (overrides/partials/head-metadata.html).

Engine-free: the step takes the model and the built site.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from . import editions
from .editions import LanguageEdition
from .preview_cards import INDIGO, WHITE, font, png_bytes, runs
from .site_model import SiteModel
from .strings import strings

MANIFEST_FILE = "manifest.webmanifest"
ICONS_DIR = "assets/icons"  # under each edition's root
THEME_COLOR = "#{:02x}{:02x}{:02x}".format(*INDIGO)  # the header's indigo: the phone's status bar matches it
BACKGROUND_COLOR = "#ffffff"  # Material's default scheme: the splash screen before the first page paints
# (size, purpose): Android asks for 192 and 512; a launcher that crops icons takes the maskable one.
ICONS = ((192, "any"), (512, "any"), (512, "maskable"))
# Scripts written right to left (ISO 15924), for `dir`; none of today's editions is.
RIGHT_TO_LEFT = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm"}
OVERSAMPLE = 4  # the glyph's straight edges drawn large and scaled down, so they are smooth
MASKABLE_SCALE = 0.72  # the page's share of the other icon's: inside the safe circle, with a margin
FOLD = (0xC5, 0xCA, 0xE9)  # Material's indigo 100: the back of the folded corner


def icon_path(size: int, purpose: str) -> str:
    return f"{ICONS_DIR}/app-{'maskable-' if purpose == 'maskable' else ''}{size}.png"


def text_direction(language: LanguageEdition) -> str:
    return "rtl" if language.script in RIGHT_TO_LEFT else "ltr"


def manifest(language: LanguageEdition) -> dict[str, Any]:
    """The edition's manifest, its addresses relative to the manifest itself (at the edition's root)."""
    t = strings(language.code)
    return {
        "id": "./",
        "name": t("site.name"),
        "short_name": t("manifest.short_name"),
        "description": t("site.description"),
        "lang": language.code,
        "dir": text_direction(language),
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "icons": [{"src": icon_path(size, purpose), "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
                  for size, purpose in ICONS],
    }


def write_web_app_manifests(model: SiteModel, site_dir: Path) -> None:
    """Post-build step: each edition's manifest and icons, at its root."""
    for edition_model in model.editions():
        language = editions.edition(edition_model.language)
        root = site_dir / language.prefix
        initial = strings(language.code)("manifest.icon_initial")
        for size, purpose in ICONS:
            target = root / icon_path(size, purpose)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(draw_icon(size, initial, maskable=purpose == "maskable"))
        text = json.dumps(manifest(language), ensure_ascii=False, indent=2) + "\n"
        (root / MANIFEST_FILE).write_text(text, encoding="utf-8")


def draw_icon(size: int, initial: str, *, maskable: bool = False) -> bytes:
    """A white page with a folded corner on indigo, the edition's initial on it."""
    image, (top, bottom) = _page_glyph(size, maskable)
    image = image.copy()
    # The initial, drawn at its own size (text is anti-aliased already), centred
    # on the page below the fold.
    draw = ImageDraw.Draw(image)
    scale = MASKABLE_SCALE if maskable else 1.0
    (index, letter), *_ = runs(initial, "bold")
    letter_font = font("bold", round(size * 0.30 * scale), index)
    centre_y = (top + bottom) / 2 + (bottom - top) * 0.03
    draw.text((size / 2, centre_y), letter, font=letter_font, fill=INDIGO, anchor="mm")
    return png_bytes(image, (WHITE, FOLD), background=INDIGO, steps=16)


@cache
def _page_glyph(size: int, maskable: bool) -> tuple[Image.Image, tuple[float, float]]:
    """The page alone, the same in every edition (drawn once a build), and its top
    and bottom. Maskable: smaller, inside the central circle (40 % of the width
    from the centre) that every launcher's mask keeps."""
    big = size * OVERSAMPLE
    image = Image.new("RGB", (big, big), INDIGO)
    draw = ImageDraw.Draw(image)
    scale = MASKABLE_SCALE if maskable else 1.0
    width, height = big * 0.50 * scale, big * 0.62 * scale
    left, top = (big - width) / 2, (big - height) / 2
    right, bottom = left + width, top + height
    fold = width * 0.28
    draw.rounded_rectangle((left, top, right, bottom), radius=width * 0.06, fill=WHITE)
    # The folded corner: the page cut at its top right, the fold's back in a paler indigo.
    draw.polygon([(right - fold, top), (right + 1, top), (right + 1, top + fold)], fill=INDIGO)
    draw.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD)
    return image.reduce(OVERSAMPLE), (top / OVERSAMPLE, bottom / OVERSAMPLE)  # each pixel the mean of its square


def template_globals() -> dict[str, str]:
    """What every page's head links: the manifest and the browser's colour."""
    return {"web_app_manifest": MANIFEST_FILE, "theme_color": THEME_COLOR}
