"""An edition's own words (edition_text.py): one word per concept from the
termbase, Armenian punctuation and articles, English left in Russian,
Armenian and Azerbaijani text and English quotation marks; in the
translated pages and the interface strings, at build time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from report_site import edition_text, terminology_data
from report_site.front_matter import split_front_matter
from report_site.terminology_guide import Guide
from support import DATA, ROOT, edit, replace_once, run_build

REPORT = "meetings/london-2014/report.md"


@pytest.fixture(scope="module")
def guide() -> Guide:
    guide, problems = terminology_data.load_guide()
    assert problems == [] and guide is not None
    return guide


def messages(text: str, language: str, guide: Guide) -> list[str]:
    return [finding.message for finding in edition_text.findings(text, language, guide)]


# --- one concept, one word ------------------------------------------------------------

@pytest.mark.parametrize("language, text, expected", [
    ("hy", "Հանդիպման զեկույցում ասվում է։", '"զեկույցում" is not this edition\'s word for the meeting report'),
    ("hy", "Զեկույցների ցանկը։", '"Զեկույցների"'),  # a form no text of the site has
    ("hy", "Հիմնական ուղերձները։", '(expected "առանցքային ուղերձներ"'),
    ("hy", "Տպեք բրաուզերում։", '(expected "դիտարկիչ"'),
    ("ru", "Партнёры из Армении и NK.", '(expected "НК"'),
    ("ru", "наметить вероятные пути работы", '(expected "возможные пути"'),
    ("ru", "растущими операционными ограничениями", '(expected "ограничения для работы"'),
    ("az", "Conciliation Resources-un vasitəçiliyi ilə", '(expected "köməyi ilə"'),
    ("az", "artan əməliyyat məhdudiyyətləri", '(expected "iş üçün məhdudiyyətlər"'),
    ("az", "Internews Azerbaijan idi.", '(expected "İnternyus Azərbaycan"'),
    ("hy", "Media Initiatives Center-ը", 'as the organisation writes it: https://mediainitiatives.am/'),
    # The edition's one correction (Unit, not Group) is not undone by a gloss, quoted or not.
    ("ru", "CLU (в переводе — «Группа сравнительного изучения»)", '(expected "Comparative Learning Unit"'),
    ("ru", "эксперты группы сравнительного обучения", '(expected "Comparative Learning Unit"'),
])
def test_a_word_the_termbase_does_not_approve_is_found(guide, language, text, expected):
    found = messages(text, language, guide)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize("language, text", [
    ("hy", "Հաշվետվությունում ասվում է։"),
    ("hy", "Այն պատրաստել էր երեք զեկույց։"),  # the CLU's reports: another kind of document
    ("ru", "Отчёт цитирует «партнёров из NK»."),  # a quotation of the original
    ("ru", "Нагорный Карабах и НК (в английском оригинале — NK)."),  # a gloss of the original's word
    ("az", "Dağlıq Qarabağ və DQ (ingiliscə orijinalda – NK)."),
])
def test_quotations_glosses_and_other_concepts_are_spared(guide, language, text):
    assert messages(text, language, guide) == []


# --- Armenian ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Հանդիպումը տեղի ունեցավ Լոնդոնում.", "a Latin full stop ends an Armenian sentence (expected ։)"),
    ("Հանդիպումը տեղի ունեցավ. Մասնակիցները եկան։", "a Latin full stop ends an Armenian sentence"),
    ("Ուշադրություն: մասնակիցները եկան։", "a Latin colon in Armenian text"),
    ("Մենք տեսանք Շուշիը։", '"Շուշիը": after a vowel the article is ն (expected "Շուշին")'),
    ("Մասնակիցները ընդգծեցին։", '"Մասնակիցները ընդգծեցին": before a word that begins with a vowel the article is ն'),
    ("Հանդիպումը\nօգնեց։", "before a word that begins with a vowel the article is ն"),  # a line break between
    ("Գիրքը ունի երեք մաս։", '(expected "Գիրքն ունի")'),
])
def test_armenian_punctuation_and_articles(guide, text, expected):
    found = messages(text, "hy", guide)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize("text", [
    "Մասնակիցներն ընդգծեցին։",
    "Հանդիպումը տեղի ունեցավ Լոնդոնում։",
    "Թարգմանությունը չստուգված է․ այն ներկայացված է անգլերենով։",  # the միջակետ
    "Շուշին և Երևանը։",
    "## Ինչ է այս հրատարակությունը {#what}\n\nԱյս կայքը։",  # a heading, then a new paragraph
    "Տե՛ս [հաշվետվությունը](id:london-2014-report)։",
])
def test_correct_armenian_passes(guide, text):
    assert messages(text, "hy", guide) == []


# --- English left in the text, and English quotation marks ------------------------------------

@pytest.mark.parametrize("language, text, expected", [
    ("ru", "Источник: новость (news item), EPNK.", '"news item": English in the Russian text'),
    ("ru", "Приложение: source text", '"source text": English in the Russian text'),
    ("hy", "Տե՛ս Tags էջը։", '"Tags": English in the Armenian text'),
    ("az", "Mənbə: news item, EPNK.", '"news": English in the Azerbaijani text'),
    ("az", "Əlavə: source text", '"source": English in the Azerbaijani text'),
    ("az", "Hesabat qrupu Alert’s adlandırır, the group.", '"the": English in the Azerbaijani text'),
    ("ru", "Отчёт называет *Unknown Title* так.", '"Unknown Title": English in the Russian text'),
    ("az", "Hesabat “görüş” deyir.", "English quotation marks in the Azerbaijani text"),
    ("ru", "Отчёт говорит “встреча”.", "English quotation marks in the Russian text"),
])
def test_english_left_in_the_text_is_found(guide, language, text, expected):
    found = messages(text, language, guide)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize("language, text", [
    ("ru", "International Alert и Conciliation Resources (CR) провели встречу; Alert выпустила PDF."),
    ("ru", "В источнике сказано «Comparative Learning Group (CLU)»."),
    ("ru", "Контакты между людьми (англ. people-to-people contact)."),
    ("ru", "Отчёт называет *Unknown Title*{: lang=\"en\" } так."),  # marked as English for the browser
    ("ru", "См. [сайт](https://www.c-r.org/) и www.c-r.org."),
    ("hy", "Թխուկներ (անգլերեն՝ cookies)։"),
    ("az", "International Alert-in Comparative Learning Unit ekspertləri; Stepanakert Press Club."),
    ("az", "Hesabat «Comparative Learning Group» deyir, „zərər verməmək“ prinsipi."),
    ("az", "Tərəfdaşlar London görüşündə idi."),
])
def test_names_quotations_and_marked_english_pass(guide, language, text):
    assert messages(text, language, guide) == []


# --- where the texts are: pages and strings ----------------------------------------------------

def test_a_translated_page_is_reported_by_path_line_and_field(guide):
    text = ("---\ntranslation_of: x\nlang: hy\nstatus: unreviewed\nsource_hash: 0123456789ab\n"
            "title: Հանդիպման զեկույց\n---\n\nԱռաջին պարբերություն։\n\nՄասնակիցները ընդգծեցին.\n")
    front, problems = split_front_matter(text, "translations/hy/x.md")
    assert problems == []
    found = edition_text.check_translation(front, "translations/hy/x.md", guide, "hy")
    assert [(p.line, p.field) for p in found] == [(6, "title"), (11, "body"), (11, "body")]
    assert str(found[0]).startswith('translations/hy/x.md:6:8: title: "զեկույց" is not this edition\'s word')


def test_strings_are_reported_by_line_and_key(guide, tmp_path):
    table = tmp_path / "hy.yaml"
    table.write_text('edition.switch: Կարդալ այլ լեզվով\npdf.kind: "Հանդիպման զեկույց"\n'
                     'message.one_of:\n  one: "Այն Tags է."\n  other: "Այն տեքստ է։"\n', encoding="utf-8")
    found = edition_text.check_strings("hy", guide, table)
    assert [(p.line, p.field) for p in found] == [(2, "pdf.kind"), (4, "message.one_of.one"), (4, "message.one_of.one")]
    assert str(found[0]).startswith("scripts/report_site/strings/hy.yaml:2:1: pdf.kind: ")


def test_the_repositorys_editions_pass(guide):
    """Every translation and string table as it stands (the build checks the same)."""
    for language in ("ru", "hy", "az"):
        for path in sorted((ROOT / "translations" / language).rglob("*.md")):
            front, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
            assert edition_text.check_translation(front, str(path), guide, language) == [], path
        assert edition_text.check_strings(language, guide) == []


# --- through the real build ---------------------------------------------------------------------

@pytest.fixture()
def project(docs_copy) -> Path:
    """docs/ and the suite's own translations beside it, Russian only (a quicker build)."""
    shutil.copytree(DATA / "translations" / "ru", docs_copy.parent / "translations" / "ru")
    return docs_copy.parent


def test_the_build_refuses_nk_in_a_translations_running_text(project, published_site, capsys):
    edit(project / "translations", f"ru/{REPORT}", replace_once("Армении и НК", "Армении и NK"))
    status, err = run_build(project / "docs", published_site, capsys)
    assert status == 1
    assert re.search(rf'translations/ru/{re.escape(REPORT)}:\d+:\d+: body: "NK" is not this edition\'s word for '
                     r'the report\'s abbreviation .*\(expected "НК"; termbase entry \'nk\'\)', err), err
    assert re.search(rf'translations/ru/{re.escape(REPORT)}:\d+:\d+: body: "NK": English in the Russian text', err), err
    assert "nothing was published" in err
