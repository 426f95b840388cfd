"""The terminology guard: conflict-sensitive terms in English, Russian,
Armenian and Azerbaijani, in their inflected forms, refused on published
pages unless a page allows a quotation with a reason; the data file that
lists them checked as strictly as a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import build as build_script  # scripts/build.py
from report_site import inflection, terminology, terminology_data
from report_site.front_matter import split_front_matter
from report_site.site_model import load_site
from report_site.terminology_guide import LANGUAGE_NAMES, LANGUAGES, Found, Guide
from support import DOCS, tree_digest

GROUP = "meetings/london-2014/groups/clu-experts.md"
DATA_TEXT = terminology_data.DATA_FILE.read_text(encoding="utf-8")
DATA_DISPLAY = "scripts/report_site/terminology.yaml"


@pytest.fixture(scope="module")
def guide() -> Guide:
    guide, problems = terminology_data.load_guide()
    assert problems == []
    return guide


def only_finding(guide: Guide, text: str) -> Found:
    found = guide.find(text)
    assert len(found) == 1, f"expected one term in {text!r}, found {[f.text for f in found]}"
    return found[0]


# --- refused, in every form --------------------------------------------------

# (language, text, the form found, the term as the data cites it)
REFUSED = [
    ("en", "People in Artsakh met.", "Artsakh", "Artsakh"),
    ("en", "Artsakh’s people met.", "Artsakh’s", "Artsakh"),
    ("en", "ARTSAKH", "ARTSAKH", "Artsakh"),
    ("en", "the name ‘Artsakh’ is", "Artsakh", "Artsakh"),
    ("en", "the Republic of Artsakh said", "Republic of Artsakh", "Republic of Artsakh"),
    ("en", "the Nagorno Karabakh Republic said", "Nagorno Karabakh Republic", "Nagorno-Karabakh Republic"),
    ("en", "NKR-backed", "NKR", "NKR"),
    ("en", "in the occupied\nterritories", "occupied\nterritories", "occupied territories"),
    ("en", "the liberated districts", "liberated districts", "liberated territories"),
    ("en", "a puppet regime", "puppet regime", "puppet regime"),
    ("en", "in Stepanakert.", "Stepanakert", "Stepanakert"),
    ("ru", "Арцах", "Арцах", "Арцах"),
    ("ru", "жители Арцаха", "Арцаха", "Арцах"),
    ("ru", "помощь Арцаху", "Арцаху", "Арцах"),
    ("ru", "в Арцахе", "Арцахе", "Арцах"),
    ("ru", "за Арцахом", "Арцахом", "Арцах"),
    ("ru", "В АРЦАХЕ", "АРЦАХЕ", "Арцах"),
    ("ru", "арцахских беженцев", "арцахских", "арцахский"),
    ("ru", "власти Нагорно-Карабахской Республики", "Нагорно-Карабахской Республики", "Нагорно-Карабахская Республика"),
    ("ru", "в Республике Арцах", "Республике Арцах", "Республика Арцах"),
    ("ru", "НКР", "НКР", "НКР"),
    ("ru", "из оккупированных территорий", "оккупированных территорий", "оккупированные территории"),
    ("ru", "над оккупированными территориями", "оккупированными территориями", "оккупированные территории"),
    ("ru", "в освобождённых районах", "освобождённых районах", "освобождённые территории"),
    ("ru", "освобожденные земли", "освобожденные земли", "освобождённые территории"),
    ("ru", "марионеточного режима", "марионеточного режима", "марионеточный режим"),
    ("ru", "в Степанакерте", "Степанакерте", "Степанакерт"),
    ("hy", "Արցախ", "Արցախ", "Արցախ"),
    ("hy", "Արցախի ժողովուրդը", "Արցախի", "Արցախ"),
    ("hy", "Արցախում", "Արցախում", "Արցախ"),
    ("hy", "Արցախից", "Արցախից", "Արցախ"),
    ("hy", "Արցախը", "Արցախը", "Արցախ"),
    ("hy", "Արցախով", "Արցախով", "Արցախ"),
    ("hy", "Արցախյան պատերազմ", "Արցախյան", "Արցախ"),
    ("hy", "ԱՐՑԱԽԻ", "ԱՐՑԱԽԻ", "Արցախ"),
    ("hy", "Արցախի Հանրապետության", "Արցախի Հանրապետության", "Արցախի Հանրապետություն"),
    ("hy", "Լեռնային Ղարաբաղի Հանրապետությունում", "Լեռնային Ղարաբաղի Հանրապետությունում",
     "Լեռնային Ղարաբաղի Հանրապետություն"),
    ("hy", "ԼՂՀ-ն", "ԼՂՀ", "ԼՂՀ"),
    ("hy", "օկուպացված տարածքներում", "օկուպացված տարածքներում", "օկուպացված տարածքներ"),
    ("hy", "ազատագրված տարածքների", "ազատագրված տարածքների", "ազատագրված տարածքներ"),
    ("hy", "ազատագրված հողերը", "ազատագրված հողերը", "ազատագրված տարածքներ"),
    ("az", "Artsax", "Artsax", "Artsax"),
    ("az", "Artsaxda", "Artsaxda", "Artsax"),
    ("az", "Artsaxın", "Artsaxın", "Artsax"),
    ("az", "Artsaxa", "Artsaxa", "Artsax"),
    ("az", "Dağlıq Qarabağ Respublikasının", "Dağlıq Qarabağ Respublikasının", "Dağlıq Qarabağ Respublikası"),
    ("az", "Dağlıq-Qarabağ Respublikasında", "Dağlıq-Qarabağ Respublikasında", "Dağlıq Qarabağ Respublikası"),
    ("az", "DQR-in", "DQR", "DQR"),
    ("az", "işğal olunmuş ərazilər", "işğal olunmuş ərazilər", "işğal olunmuş ərazilər"),
    ("az", "işğal olunmuş ərazilərdə", "işğal olunmuş ərazilərdə", "işğal olunmuş ərazilər"),
    ("az", "işğal olunmuş ərazilərin", "işğal olunmuş ərazilərin", "işğal olunmuş ərazilər"),
    ("az", "işğal olunmuş əraziləri", "işğal olunmuş əraziləri", "işğal olunmuş ərazilər"),
    ("az", "İŞĞAL OLUNMUŞ ƏRAZİLƏRDƏ", "İŞĞAL OLUNMUŞ ƏRAZİLƏRDƏ", "işğal olunmuş ərazilər"),
    ("az", "işğal altındakı rayonlarda", "işğal altındakı rayonlarda", "işğal olunmuş ərazilər"),
    ("az", "azad edilmiş torpaqlarda", "azad edilmiş torpaqlarda", "azad edilmiş ərazilər"),
    ("az", "azad edilmiş torpağı", "azad edilmiş torpağı", "azad edilmiş ərazilər"),
    ("az", "kukla rejiminin", "kukla rejiminin", "kukla rejimi"),
    ("az", "Xankəndidə", "Xankəndidə", "Xankəndi"),
]


@pytest.mark.parametrize("language, text, form, citation", REFUSED, ids=[f"{r[0]}-{r[2]}" for r in REFUSED])
def test_a_refused_term_is_found_in_every_form(guide, language, text, form, citation):
    found = only_finding(guide, text)
    assert (found.text, found.term.citation, found.term.language) == (form, citation, language)
    assert text[found.start:found.end] == form


NEUTRAL = {
    "en": ["Partners from Azerbaijan, Armenia and Nagorno-Karabakh met.", "the Karabakh war",
           "the conflict over Nagorno-Karabakh", "in Stepanakert/Khankendi", "Khankendi (Stepanakert)",
           "the territories surrounding Nagorno-Karabakh", "the de facto authorities in Nagorno-Karabakh",
           "Artsakhbank", "occupied seats", "the Republic of Armenia", "nkr in lower case is no abbreviation"],
    "ru": ["Нагорный Карабах", "жители Нагорного Карабаха", "в Нагорном Карабахе", "Карабах",
           "нагорно-карабахский конфликт", "Нагорно-Карабахская автономная область",
           "территории вокруг Нагорного Карабаха", "в Степанакерте/Ханкенди", "оккупированный город"],
    "hy": ["Լեռնային Ղարաբաղ", "Լեռնային Ղարաբաղում", "Լեռնային Ղարաբաղի հակամարտությունը", "Ղարաբաղ",
           "Հայաստանի Հանրապետություն", "Ստեփանակերտ/Խանքենդի"],
    "az": ["Dağlıq Qarabağ", "Dağlıq Qarabağda", "DAĞLIQ QARABAĞ", "Qarabağ", "Azərbaycan Respublikası",
           "Dağlıq Qarabağın ətrafındakı ərazilər", "Stepanakert/Xankəndi", "Artsaxbank",
           # not Azerbaijani forms: harmony, and the n a case takes after -sı, are followed exactly
           "işğal olunmuş ərazilarda", "Dağlıq Qarabağ Respublikasıda"],
}


@pytest.mark.parametrize("language", sorted(NEUTRAL))
def test_neutral_text_passes(guide, language):
    for text in NEUTRAL[language]:
        assert guide.find(text) == [], text


def test_every_neutral_term_of_the_data_passes(guide):
    for entry in guide.entries:
        for language, usage in entry.usages.items():
            assert guide.find(usage.use) == [], (entry.id, language, usage.use)


def test_azerbaijani_capitals_keep_dotted_and_dotless_i_apart():
    # İ is i and I is ı in Azerbaijani; str.lower would give "i̇" (two characters) and "i".
    assert inflection.fold("İŞĞAL DAĞLIQ", "az") == "işğal dağlıq"
    assert inflection.fold("DAĞLIQ", "en") == "dağliq"
    for language in LANGUAGES:
        assert len(inflection.fold("İİ Ёж ‑", language)) == len("İİ Ёж ‑")
    assert inflection.fold("освобождённые", "ru") == "освобожденные"


def test_links_and_addresses_are_not_the_pages_words(guide):
    assert guide.find("[the source](https://example.org/artsakh-republic/) and https://example.org/nkr") == []
    assert guide.find("## The region {#artsakh}") == []
    assert [f.text for f in guide.find("[Artsakh](https://example.org/)")] == ["Artsakh"]


def test_code_is_no_exemption(guide):
    """Code spans are read like any text: a quotation needs an allowance."""
    assert [f.text for f in guide.find("the tag `NKR`")] == ["NKR"]


def test_the_longest_term_is_reported_once(guide):
    found = guide.find("Արցախի Հանրապետության կառավարությունը")
    assert [(f.text, f.term.citation) for f in found] == [("Արցախի Հանրապետության", "Արցախի Հանրապետություն")]


# --- the check on a page -------------------------------------------------------

def page(front_matter: str, body: str = "Text.\n"):
    front, problems = split_front_matter(f"---\n{front_matter.strip()}\n---\n{body}", "docs/x.md")
    assert problems == []
    return front


BASE = "kind: page\nid: x\ndescription: A page written for the tests of the terminology guard."


def test_a_term_in_a_front_matter_field_is_refused_where_it_stands(guide):
    front = page(f"{BASE}\ntitle: Voices from Artsakh\nsources:\n  - title: On occupied territories\n"
                 "    url: https://example.org/occupied-territories")
    problems = terminology.check_page(front, "docs/x.md", guide)
    assert [(p.line, p.field) for p in problems] == [(5, "title"), (7, "sources[0].title")]
    assert '"Artsakh" is a name for the region that only one side uses (expected "Nagorno-Karabakh"' in problems[0].message
    assert "caucasusedition.net/glossary-and-guidelines" in problems[0].message


def test_a_term_in_the_body_is_refused_with_line_and_column(guide):
    front = page(f"{BASE}\ntitle: A page", "First line.\n\nThe people of İİ Artsax and the NKR.\n")
    problems = terminology.check_page(front, "docs/x.md", guide)
    assert [(p.line, p.column, p.field) for p in problems] == [(9, 18, "body"), (9, 33, "body")]
    assert str(problems[0]).startswith('docs/x.md:9:18: body: "Artsax" is a name for the region that only one side uses '
                                       '(expected "Nagorno-Karabakh" in this edition\'s own voice; in Azerbaijani, "Dağlıq Qarabağ"')


def test_the_pages_language_picks_the_suggested_term(guide):
    front = page(f"{BASE}\ntitle: A page", "Жители Арцаха.\n")
    [problem] = terminology.check_page(front, "docs/x.md", guide, language="ru")
    assert '"Арцаха" (a form of "Арцах")' in problem.message
    assert 'expected "Нагорный Карабах" in this edition\'s own voice;' in problem.message
    with pytest.raises(ValueError):
        terminology.check_page(front, "docs/x.md", guide, language="fr")


def test_an_allowance_covers_the_terms_forms_and_nothing_else(guide):
    front = page(f"{BASE}\ntitle: A page\nallow_terms:\n  - term: Арцах\n    reason: quoted from the source's title",
                 "«Жители Арцаха» and «в Арцахе», but the Republic of Artsakh.\n")
    problems = terminology.check_page(front, "docs/x.md", guide)
    assert [(p.field, p.message.split(" is ")[0]) for p in problems] == [("body", '"Republic of Artsakh"')]


def test_allowance_faults_are_refused_with_their_line(guide):
    front = page(f"{BASE}\ntitle: A page\nallow_terms:\n"
                 "  - term: Artsak\n    reason: quoted from a source's title\n"
                 "  - term: Арцахе\n    reason: quoted from a source's title\n"
                 "  - term: NKR\n    reason: quoted from a source's title\n"
                 "  - term: nkr\n    reason: the same term, allowed twice\n",
                 "The NKR said.\n")
    problems = {(p.line, p.field): p.message for p in terminology.check_page(front, "docs/x.md", guide)}
    assert 'did you mean "Artsakh"?' in problems[(7, "allow_terms[0].term")]
    assert '"Арцахе" is a form of "Арцах": allow that' in problems[(9, "allow_terms[1].term")]
    assert "allowed twice" in problems[(13, "allow_terms[3].term")]
    assert len(problems) == 3


def test_an_allowance_the_page_never_uses_is_refused(guide):
    front = page(f"{BASE}\ntitle: A page\nallow_terms:\n  - term: Artsakh\n    reason: quoted from a source's title")
    [problem] = terminology.check_page(front, "docs/x.md", guide)
    assert (problem.line, problem.field) == (7, "allow_terms[0].term")
    assert "allowed but the page never uses it" in problem.message


def test_no_page_of_the_repository_is_refused(guide):
    for path in sorted(DOCS.rglob("*.md")):
        front, problems = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        assert problems == []
        for language in LANGUAGES:
            assert terminology.check_page(front, str(path), guide, language) == [], path
    for include_drafts in (False, True):
        _, problems = load_site(DOCS, include_drafts=include_drafts)
        assert problems == []


# --- through the real build ----------------------------------------------------

def run_build(docs: Path, site: Path, capsys) -> tuple[int, str]:
    before = tree_digest(site)
    status = build_script.main(["--docs-dir", str(docs), "--site-dir", str(site)])
    err = capsys.readouterr().err
    assert tree_digest(site) == before, "a failed build changed the published site"
    assert "Traceback" not in err
    return status, err


def edit(docs: Path, relative: str, old: str, new: str) -> None:
    path = docs / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture expects {old!r} in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(docs: Path, relative: str, needle: str) -> int:
    lines = (docs / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


BODY_END = "not to any one group."
# name: (old, new, where the term stands, field, the form found, the neutral term the message asks for)
BUILD_CASES = {
    "en-title": ("title: Experts of International Alert’s", "title: Experts from Artsakh’s own", "title: Experts from",
                 "title", "Artsakh’s", '"Nagorno-Karabakh"'),
    "en-body": (BODY_END, BODY_END + "\n\nThey spoke of the occupied\nterritories.", "They spoke of", "body",
                "occupied territories", '"the territories surrounding Nagorno-Karabakh"'),
    "ru-nav_title": ("nav_title: CLU experts", "nav_title: Эксперты из Арцаха", "nav_title:", "nav_title",
                     "Арцаха", '"Нагорный Карабах"'),
    "ru-body": (BODY_END, BODY_END + "\n\nЭксперты говорили об оккупированных территориях.", "Эксперты", "body",
                "оккупированных территориях", '"территории вокруг Нагорного Карабаха"'),
    "hy-description": ("  The experts of International Alert’s", "  The experts from Արցախի Հանրապետության of International Alert’s",
                       "description:", "description", "Արցախի Հանրապետության",
                       '"Լեռնային Ղարաբաղի դե ֆակտո իշխանությունները"'),
    "hy-body": (BODY_END, BODY_END + "\n\nՓորձագետները Արցախից էին։", "Փորձագետները", "body", "Արցախից",
                '"Լեռնային Ղարաբաղ"'),
    "az-sources": ('  - title: "Caucasus Peacebuilding:', '  - title: "DQR-in ekspertləri, Caucasus Peacebuilding:',
                   "DQR-in", "sources[0].title", "DQR", '"Dağlıq Qarabağın de-fakto hakimiyyəti"'),
    "az-body": (BODY_END, BODY_END + "\n\nEkspertlər işğal olunmuş ərazilərdən danışdılar.", "Ekspertlər", "body",
                "işğal olunmuş ərazilərdən", '"Dağlıq Qarabağın ətrafındakı ərazilər"'),
}


@pytest.mark.parametrize("name", sorted(BUILD_CASES))
def test_the_build_refuses_a_term_in_each_language(name, docs_copy, published_site, capsys):
    old, new, needle, field, form, neutral = BUILD_CASES[name]
    edit(docs_copy, GROUP, old, new)
    line = line_of(docs_copy, GROUP, needle)
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert re.search(rf'docs/{re.escape(GROUP)}:{line}:\d+: {re.escape(field)}: "{re.escape(form)}"', err), err
    language = name.split("-")[0]
    # The pages are English: the message asks for the English term, and gives the term's own language's too.
    assert (f"expected {neutral} in this edition's own voice" if language == "en" else
            f"in this edition's own voice; in {LANGUAGE_NAMES[language]}, {neutral}") in err
    assert "guidance: Caucasus Edition, Glossary and guidelines, https://caucasusedition.net/glossary-and-guidelines/" in err
    assert "nothing was published" in err


ALLOWANCE_CASES = {
    # name: (front-matter to add, body to add, field, words)
    "no reason": ("allow_terms:\n  - term: Artsakh\n", "Artsakh.", "allow_terms[0].reason", "missing required field"),
    "unknown term": ("allow_terms:\n  - term: Artsak\n    reason: quoted from a source's title\n", "",
                     "allow_terms[0].term", 'is not a refused term of scripts/report_site/terminology.yaml'),
    "never used": ("allow_terms:\n  - term: Artsakh\n    reason: quoted from a source's title\n", "",
                   "allow_terms[0].term", "allowed but the page never uses it"),
}


@pytest.mark.parametrize("name", sorted(ALLOWANCE_CASES))
def test_the_build_refuses_a_faulty_allowance(name, docs_copy, published_site, capsys):
    front, body, field, words = ALLOWANCE_CASES[name]
    edit(docs_copy, GROUP, "order: 1\n", "order: 1\n" + front)
    edit(docs_copy, GROUP, BODY_END, BODY_END + "\n\n" + body)
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    line = line_of(docs_copy, GROUP, "- term:")
    assert re.search(rf"docs/{re.escape(GROUP)}:{line}:\d+: {re.escape(field)}: .*{re.escape(words)}", err), err


def test_an_allowed_quotation_passes(docs_copy):
    edit(docs_copy, GROUP, "order: 1\n", "order: 1\nallow_terms:\n  - term: Republic of Artsakh\n"
                                          "    reason: the words of a source quoted on this page\n")
    edit(docs_copy, GROUP, BODY_END, BODY_END + "\n\nA source wrote of “the Republic of Artsakh”.")
    _, problems = load_site(docs_copy)
    assert problems == []


def test_the_build_refuses_a_broken_data_file(docs_copy, published_site, capsys, tmp_path, monkeypatch):
    broken = tmp_path / "terminology.yaml"
    broken.write_text(DATA_TEXT.replace("match: Арцах<noun-m>", "match: Арцах<noun-mm>", 1), encoding="utf-8")
    monkeypatch.setattr(terminology_data, "DATA_FILE", broken)
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    line = DATA_TEXT.splitlines().index("            match: Арцах<noun-m>") + 1
    assert re.search(rf"{re.escape(broken.as_posix())}:{line}:\d+: terms\[0\]\.languages\.ru\.avoid\[0\]\.match: "
                     r"unknown inflection class <noun-mm> for Russian \(did you mean <noun-m>\?\)", err), err
    assert "nothing was published" in err


# --- the data file's own checks --------------------------------------------------

def data_line(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


# name: (old, new, the line's text after the change, field, words)
DATA_CASES = {
    "malformed yaml": ("""possessive: ["", "'s", "’s"]""", """possessive: ["", "'s", "’s"]]""", "possessive:", "file",
                       "malformed YAML"),
    "unknown class": ("match: Արցախ<toponym>", "match: Արցախ<toponim>", "Արցախ<toponim>",
                      "terms[0].languages.hy.avoid[0].match", "did you mean <toponym>?"),
    "term its match misses": ("match: Арцах<noun-m>", "match: Арцах<noun-ija>", "- term: Арцах",
                              "terms[0].languages.ru.avoid[0].term", "is not matched by its own match"),
    "unknown source": ("sources: [caucasus-edition, armedia]", "sources: [caucasus-edition, armenia]", "armenia]",
                       "terms[0].sources[1]", "unknown source 'armenia'"),
    "missing language": ("      az:\n        use: Dağlıq Qarabağ\n", "      azz:\n        use: Dağlıq Qarabağ\n", "azz:",
                         "terms[0].languages.azz", "did you mean 'az'?"),
    "neutral term refused": ("        use: Нагорный Карабах\n", "        use: Арцах\n", "use: Арцах",
                             "terms[0].languages.ru.use", "contains 'Арцах', refused by the entry 'artsakh'"),
    "ending not text": ("noun-ja: [я, и, е,", "noun-ja: [я, [и], е,", "noun-ja:",
                        "inflection.ru.noun-ja[1]", "expected an ending"),
    "bad suffix template": ("- [lAr]", "- [lAR]", "- [lAR]", "inflection.az.noun.slots[1][0]", "is not a suffix template"),
    "duplicate key": ("    why: >-\n      Armenians call", "    why: again\n    why: >-\n      Armenians call", "why: >-",
                      "terms[0].why", "duplicate key: already set on line"),
    "term listed twice": ("          - term: арцахский\n            match: арцахск<adjective>",
                          "          - term: АРЦАХ\n            match: Арцах<noun-m>", "- term: АРЦАХ",
                          "terms[0].languages.ru.avoid[1].term", "is listed already"),
    "exception without a term": ("phrase: Stepanakert Press Club", "phrase: Parts of a Circle", "Parts of a Circle",
                                 "terms[5].languages.en.except[0].phrase", "none of this entry's terms is in the phrase"),
    "not a web address": ("url: https://armedia.am/eng/news/33056", "url: armedia.am/eng/news/33056",
                          "url: armedia.am", "sources.armedia.url", "is not a web address"),
}


@pytest.mark.parametrize("name", sorted(DATA_CASES))
def test_a_mistake_in_the_data_file_is_reported_with_its_line(name):
    old, new, needle, field, words = DATA_CASES[name]
    assert old in DATA_TEXT, f"fixture expects {old!r} in the data file"
    text = DATA_TEXT.replace(old, new, 1)
    guide, problems = terminology_data.parse_guide(text, DATA_DISPLAY)
    assert guide is None
    line = data_line(text, needle)
    expected = [p for p in problems if p.line == line and p.field == field and words in p.message]
    assert expected, "\n".join(map(str, problems))
    assert str(expected[0]).startswith(f"{DATA_DISPLAY}:{line}:")


# --- gaps closed by rule (issue 20): forms the data does not list ------------------

# (language, text, the form found, the term as the data cites it): none of these
# forms is written in terminology.yaml; each is made by a rule.
BY_RULE = [
    # Azerbaijani: every suffix vowel by harmony, -kI after a back vowel too.
    ("az", "Artsaxdakı insanlar", "Artsaxdakı", "Artsax"),
    ("az", "Xankəndidəki", "Xankəndidəki", "Xankəndi"),
    ("az", "işğal olunmuş torpaqlardakı", "işğal olunmuş torpaqlardakı", "işğal olunmuş ərazilər"),
    # Derived words: the region's people.
    ("az", "Artsaxlılara", "Artsaxlılara", "Artsax"),
    ("ru", "с арцахцами", "арцахцами", "арцахец"),
    ("en", "the Artsakhis said", "Artsakhis", "Artsakh"),
    # A word inserted between the words of a term.
    ("en", "the occupied Azerbaijani territories", "occupied Azerbaijani territories", "occupied territories"),
    ("ru", "оккупированных Арменией азербайджанских земель", "оккупированных Арменией азербайджанских земель",
     "оккупированные территории"),
    ("hy", "ազատագրված հայկական հողերը", "ազատագրված հայկական հողերը", "ազատագրված տարածքներ"),
    ("az", "azad edilmiş Qarabağ torpaqlarında", "azad edilmiş Qarabağ torpaqlarında", "azad edilmiş ərazilər"),
    ("ru", "сепаратистского карабахского режима", "сепаратистского карабахского режима", "сепаратистский режим"),
    # Russian plural cases: the fleeting vowel of the genitive plural.
    ("ru", "освобождённых земель", "освобождённых земель", "освобождённые территории"),
    # Armenian: a vowel-final name takes ն, and its cases, by its class.
    ("hy", "Խանքենդին", "Խանքենդին", "Խանքենդի"),
    ("hy", "Խանքենդիից", "Խանքենդիից", "Խանքենդի"),
    # Spellings of the names the site itself uses.
    ("en", "the Nagornyi Karabagh Republic", "Nagornyi Karabagh Republic", "Nagorno-Karabakh Republic"),
    ("en", "Republic of Nagorny-Karabakh's", "Republic of Nagorny-Karabakh's", "Republic of Nagorno-Karabakh"),
    # Hostile nouns for a side, its people or its presence.
    ("en", "the occupiers left", "occupiers", "occupiers"),
    ("ru", "против оккупантов", "оккупантов", "оккупант"),
    ("ru", "в условиях оккупации", "оккупации", "оккупация"),
    ("hy", "ագրեսորի դեմ", "ագրեսորի", "ագրեսոր"),
    ("hy", "օկուպացիայից հետո", "օկուպացիայից", "օկուպացիա"),
    ("az", "işğalçıların", "işğalçıların", "işğalçı"),
    ("az", "təcavüzkarlara", "təcavüzkarlara", "təcavüzkar"),
    # "frontline" in four languages, in forms the data does not write.
    ("en", "along the front-lines", "front-lines", "frontline"),
    ("ru", "за линией фронта", "линией фронта", "линия фронта"),
    ("hy", "ռազմաճակատի գծից", "ռազմաճակատի գծից", "ռազմաճակատի գիծ"),
    ("hy", "առաջնագծերում", "առաջնագծերում", "առաջնագիծ"),
    ("az", "cəbhə xəttindəki", "cəbhə xəttindəki", "cəbhə xətti"),
]


@pytest.mark.parametrize("language, text, form, citation", BY_RULE, ids=[f"{r[0]}-{r[2]}" for r in BY_RULE])
def test_a_form_made_by_rule_is_found(guide, language, text, form, citation):
    found = only_finding(guide, text)
    assert (found.text, found.term.citation, found.term.language) == (form, citation, language)


@pytest.mark.parametrize("text", [
    "occupied seats in the new territories",  # three words between: not one phrase
    "the occupied seats. Territories",  # a sentence between
    "Bakıdakı görüş",  # harmony applies to other words too, but Bakı is no term
    "на линии соприкосновения", "շփման գծում", "təmas xəttində", "the line of contact",
    "Qarabağlılar", "карабахцы",  # the neutral region's people
])
def test_what_the_rules_do_not_make_is_not_found(guide, text):
    assert guide.find(text) == []


def test_endings_by_rule():
    assert inflection.with_ending("земл", "(е)ь", "ru") == "земель"
    assert inflection.with_ending("Շուշի", "ը", "hy") == "Շուշին"  # no name in the data
    assert inflection.with_ending("Շուշի", "ից", "hy") == "Շուշիից"
    assert inflection.with_ending("Գյումրի", "ը", "hy") == "Գյումրին"
    assert inflection.with_ending("Երևան", "ը", "hy") == "Երևանը"  # after a consonant, ը stays
    assert inflection.with_ending("республик", "ы", "ru") == "республики"  # ы is и after к
    assert inflection.with_ending("групп", "ы", "ru") == "группы"
    slots = (("lI",), ("lAr",), ("(n)In", "dA"), ("kI",))
    forms = inflection.azerbaijani_forms("şuşa", slots, "", ())
    assert {"şuşadakı", "şuşalılar", "şuşalılardakı"} <= forms and "şuşadaki" not in forms
    assert {"gəncədəki", "gəncəlilər"} <= inflection.azerbaijani_forms("gəncə", slots, "", ())
    assert "göyçədəki" in inflection.azerbaijani_forms("göyçə", slots, "", ())


RULE_DATA_CASES = {
    # A vowel written as a letter in a suffix does not follow the word.
    "suffix vowel as a letter": ("- [dIr, kI]", "- [dIr, ki]", "- [dIr, ki]", "inflection.az.noun.slots[4][1]",
                                 "is not a suffix template"),
    # A name without a class: its cases would go unfound.
    "name without a class": ("match: Ханкенди<indeclinable>", "match: Ханкенди", "match: Ханкенди",
                             "terms[5].languages.ru.avoid[1].match", "is a name without an inflection class"),
    "inserted words at the start": ("match: occupied ... territory", "match: ... occupied territory",
                                    "match: ... occupied", "terms[3].languages.en.avoid[0].match",
                                  '"..." stands between two words'),
    "quotations only, not a flag": ("    only_in_quotations: true\n", "    only_in_quotations: yes\n",
                                    "    only_in_quotations: yes",
                                    "terms[6].only_in_quotations", "expected true or false"),
    "termbase word it avoids": ("        use: հաշվետվություն\n", "        use: զեկույց\n", "- term: զեկույց",
                                "termbase[0].languages.hy.avoid[0].term", "holds 'զեկույց'"),
    "termbase source not an address": ("source: https://mediainitiatives.am/", "source: mediainitiatives.am",
                                       "source: mediainitiatives.am",
                                       "termbase[", "is not a web address"),
}


@pytest.mark.parametrize("name", sorted(RULE_DATA_CASES))
def test_a_rule_broken_in_the_data_file_is_reported_with_its_line(name):
    old, new, needle, field, words = RULE_DATA_CASES[name]
    assert old in DATA_TEXT, f"fixture expects {old!r} in the data file"
    text = DATA_TEXT.replace(old, new, 1)
    guide, problems = terminology_data.parse_guide(text, DATA_DISPLAY)
    assert guide is None
    line = data_line(text, needle)
    assert [p for p in problems if p.line == line and p.field.startswith(field) and words in p.message], \
        "\n".join(map(str, problems))


# --- the report's word, in quotations only, with its note -----------------------------

NOTE = "!!! note \"Editorial note\"\n    The report says “frontline”; this edition says “line of contact”.\n"
ALLOW_FRONTLINE = "allow_terms:\n  - term: frontline\n    reason: the report's word, quoted, with a note"


@pytest.mark.parametrize("kind, body, problems", [
    ("page", "The report’s “violence on the frontline”.\n\n" + NOTE, []),
    ("report", "The violence on the frontline in August.\n\n" + NOTE, []),
    ("page", "The violence on the frontline in August.\n\n" + NOTE,
     [(10, "body", "allowed on this page only inside quotation marks")]),
    ("page", "The report’s “violence on the frontline”.\n", [(7, "allow_terms[0].term", 'never names "line of contact"')]),
    ("source-text", "The violence on the frontline in August.\n", []),
])
def test_the_reports_word_is_allowed_only_quoted_and_with_its_note(guide, kind, body, problems):
    front = page(f"kind: {kind}\nid: x\ndescription: A page written for the tests of the terminology guard.\n"
                 f"title: A page\n{ALLOW_FRONTLINE}", body)
    found = terminology.check_page(front, "docs/x.md", guide)
    assert [(p.line, p.field) for p in found] == [(line, field) for line, field, _ in problems], found
    assert all(words in p.message for p, (_, _, words) in zip(found, problems, strict=True))


def test_the_reports_word_unallowed_is_refused_in_every_language(guide):
    for language, text in [("en", "on the frontline"), ("ru", "на линии фронта"), ("hy", "ռազմաճակատի գծում"),
                           ("az", "cəbhə xəttində")]:
        front = page(BASE + "\ntitle: A page", f"Violence {text}.\n")
        [problem] = terminology.check_page(front, "docs/x.md", guide, language=language)
        neutral = {"en": "line of contact", "ru": "линия соприкосновения", "hy": "շփման գիծ", "az": "təmas xətti"}[language]
        assert f'expected "{neutral}" in this edition\'s own voice' in problem.message


def test_the_build_refuses_frontline_in_the_editions_own_voice(docs_copy, published_site, capsys):
    page_path = "meetings/london-2014/messages/continue-peacebuilding.md"
    edit(docs_copy, page_path, "on the line of contact in August", "on the frontline in August")
    line = line_of(docs_copy, page_path, "The report sets this message")
    status, err = run_build(docs_copy, published_site, capsys)
    assert status == 1
    assert re.search(rf'docs/{re.escape(page_path)}:{line}:\d+: body: "frontline" is the word of war', err), err
    assert 'expected "line of contact" in this edition\'s own voice' in err
