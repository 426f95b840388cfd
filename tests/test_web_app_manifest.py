"""The web app manifest of each edition (report_site.web_app_manifest): valid
JSON with the members a phone needs to add the edition to its home screen, in
the edition's language, its icons present at the sizes it declares; every
online page links it, and the offline edition has none."""

from __future__ import annotations

import io
import json
import math
import posixpath
import zipfile

from PIL import Image

from report_site import editions
from report_site.downloads import ZIP_PATH
from report_site.editions import LanguageEdition
from report_site.strings import strings
from report_site.web_app_manifest import INDIGO, draw_icon, text_direction
from support import built_page, head_tags

REQUIRED = {"name", "short_name", "lang", "dir", "start_url", "scope", "display", "background_color", "theme_color", "icons"}


def test_each_edition_has_a_manifest_in_its_language_with_its_icons(built_site, built_model):
    codes = []
    for model in built_model.editions():
        language = editions.edition(model.language)
        root = built_site / language.prefix
        data = json.loads((root / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert set(data) >= REQUIRED
        t = strings(language.code)
        assert (data["name"], data["short_name"], data["lang"], data["dir"]) == (t("site.name"), t("manifest.short_name"),
                                                                               language.code, "ltr")
        assert data["start_url"] == data["scope"] == "./", "the edition's root, relative: any site_url path"
        assert data["display"] == "standalone"
        assert data["theme_color"] == "#4051b5" and data["background_color"] == "#ffffff"
        purposes = set()
        for icon in data["icons"]:
            assert icon["type"] == "image/png" and not icon["src"].startswith(("/", "http"))
            with Image.open(root / icon["src"]) as image:
                assert image.format == "PNG"
                assert f"{image.width}x{image.height}" == icon["sizes"]
            purposes.add((icon["sizes"], icon["purpose"]))
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
        codes.append(language.code)
    assert codes == ["en", "ru", "hy", "az"]


def test_every_online_page_links_its_editions_manifest_and_colour(built_site, built_model):
    for model in built_model.editions():
        prefix = editions.edition(model.language).prefix
        for record in model.pages:
            head = head_tags(built_page(built_site, prefix, record.url))
            [href] = head["link:manifest"]
            assert posixpath.normpath(posixpath.join(prefix + record.url, href)) == prefix + "manifest.webmanifest"
            assert head["theme-color"] == ["#4051b5"]
    not_found = head_tags(built_site / "404.html")
    assert not_found["link:manifest"] and not_found["theme-color"]


def test_the_offline_edition_has_no_manifest(built_site):
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        names = archive.namelist()
        assert not [name for name in names if name.endswith(".webmanifest") or "/assets/icons/app-" in name]
        pages = [name for name in names if name.endswith(".html")]
        assert pages
        for name in pages:
            text = archive.read(name).decode("utf-8")
            assert 'rel="manifest"' not in text and 'name="theme-color"' not in text, name


def test_a_right_to_left_edition_says_so():
    arabic = LanguageEdition("ar", "العربية", "ar", ("ar",), None, "Arab", False)
    assert text_direction(arabic) == "rtl"
    assert [text_direction(language) for language in editions.all_editions()] == ["ltr"] * 4


def icon(size: int, initial: str, maskable: bool) -> Image.Image:
    return Image.open(io.BytesIO(draw_icon(size, initial, maskable=maskable))).convert("RGB")


def test_an_icon_is_a_page_on_indigo_with_the_editions_initial():
    for initial in ("R", "О", "Հ", "H"):
        image = icon(512, initial, maskable=False)
        colours = {colour: count for count, colour in image.getcolors(512 * 512)}
        assert image.getpixel((5, 5)) == INDIGO
        assert colours.get((255, 255, 255), 0) > 512 * 512 * 0.15, "the white page"
        # The initial: indigo inside the page's middle.
        middle = image.crop((200, 230, 312, 340))
        assert INDIGO in {colour for _, colour in middle.getcolors(112 * 110)}, initial
    assert icon(512, "R", False).tobytes() != icon(512, "Հ", False).tobytes()


def drawn_outside(image: Image.Image, radius: float) -> list[tuple[int, int]]:
    """Points further than `radius` (a share of the width) from the centre that are not the indigo ground."""
    size = image.width
    return [(x, y) for x in range(0, size, 4) for y in range(0, size, 4)
            if math.hypot(x - size / 2, y - size / 2) > radius * size and image.getpixel((x, y)) != INDIGO]


def test_the_maskable_icon_keeps_its_glyph_inside_the_safe_circle():
    """The safe zone of a maskable icon is the circle of 40 % of its width around
    the centre; the glyph keeps a margin inside it (at most 80 % of it), so a
    launcher's mask never touches the page."""
    assert drawn_outside(icon(512, "Հ", maskable=True), 0.4 * 0.8) == []
    assert drawn_outside(icon(512, "Հ", maskable=False), 0.4 * 0.8), "the other icon's page reaches further: the check can fail"
