"""The CSS purge (scripts/report_site/css_purge.py): which selectors go, what
stays of a stylesheet's structure, and, on the real build, that no selector
a page uses was dropped, online and in the offline edition."""

from __future__ import annotations

import zipfile
from pathlib import Path

import cssselect2
import material
import pytest
import tinycss2
import tinyhtml5

from report_site import css_purge, security_policy
from report_site.offline_edition import ZIP_FOLDER, ZIP_PATH
from report_site.offline_reading import NOT_SAVED_PATH
from report_site.page_edits import rewrite_pages

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def vocabulary(html: str = "", script: str = "") -> css_purge.Vocabulary:
    """The vocabulary of one page and one script, as site_vocabulary reads them."""
    words = css_purge.Vocabulary()
    reader = css_purge._PageReader(words)
    reader.feed(html)
    reader.close()
    if script:
        words.add_script(script)
    return words


def can_match(selector: str, words: css_purge.Vocabulary) -> bool:
    return css_purge.selector_can_match(tinycss2.parse_component_value_list(selector), words)


PAGE = ('<body dir="ltr" data-md-color-primary="indigo"><div class="md-typeset present" id="here">'
        '<a href="#x" title="t">x</a><input type="checkbox"></div></body>')
SCRIPT = 'e.classList.add("md-tooltip2--active");x("div",{class:`md-tag--${t}`});el.setAttribute("data-md-state","")'


@pytest.mark.parametrize(("selector", "expected"), [
    (".present", True),
    (".absent", False),
    (".md-typeset .absent", False),          # one impossible compound is enough
    (".md-typeset > a", True),
    ("table", False),
    ("#here", True),
    ("#elsewhere", False),
    (".md-tooltip2--active", True),          # a class the script adds
    (".md-tag--custom", True),               # ...or completes at run time
    ("[data-md-color-primary=indigo] a", True),
    ("[data-md-color-primary=red] a", False),  # a palette colour the site does not use
    ("[dir=rtl] .present", False),
    ("[data-md-state]", True),               # an attribute the script sets
    (".present:hover", True),
    (".present::before", True),
    (".absent::before", False),
    (".present:not(.absent)", True),         # what :not() holds never drops a selector
    (".present:has(.absent)", True),         # nor what :has() holds
    (":is(.absent, .present) a", True),
    (":is(.absent, .missing) a", False),
    (".present::-webkit-scrollbar", True),   # a pseudo-element the parser does not know...
    (".absent::-webkit-scrollbar-thumb:hover", False),  # ...exists only where its element does
    (".absent ::-webkit-scrollbar", True),   # of any element below: kept
    ("::-moz-selection", True),
    (":is(.absent, ::-moz-nonsense) a", True),  # an argument it could not read: kept
    ("input:checked ~ .absent", False),
    ("input:checked ~ .present", True),
])
def test_selector_kept_only_if_it_can_match(selector, expected):
    assert can_match(selector, vocabulary(PAGE, SCRIPT)) is expected


def purge(css: str, html: str = PAGE, script: str = SCRIPT, own_css: str = "") -> str:
    words = vocabulary(html, script)
    rules = css_purge.parse_css(css)
    count = css_purge.PurgeCount()
    rules = css_purge._purge_rules(rules, words, count)
    css_purge._prune_custom_properties({"sheet": rules}, [css_purge.parse_css(own_css)], words, {"sheet": count})
    return css_purge.serialize_css(rules)


def test_selector_lists_lose_only_their_impossible_selectors():
    assert purge(".absent,.present,.missing a{color:red}") == ".present{color:red}"
    assert purge(".absent{color:red}.present{color:blue}") == ".present{color:blue}"


def test_at_rules_keep_their_structure():
    css = ("@charset \"UTF-8\";@media screen{.absent{color:red}}"
           "@media print{.present{color:red}@supports (display:grid){.absent{x:y}.present{display:grid}}}"
           "@keyframes pulse{0%{opacity:0}to{opacity:1}}"
           "@font-face{font-family:X;src:url(x.woff2)}@page{margin:1cm}")
    out = purge(css)
    assert out == ('@charset "UTF-8";@media print{.present{color:red}@supports (display:grid){.present{display:grid}}}'
                   "@keyframes pulse{0%{opacity:0}to{opacity:1}}"
                   "@font-face{font-family:X;src:url(x.woff2)}@page{margin:1cm}")
    # The result is still CSS that parses without an error.
    assert css_purge.parse_css(out)


def test_custom_properties_nothing_reads_are_dropped_until_none_is_left():
    css = (":root{--used:1px;--chain:var(--deep);--deep:2px;--only-absent:3px;--script-reads-it:4px;--ours:5px}"
           ".present{margin:var(--used)}.absent{margin:var(--only-absent)}")
    out = purge(css, script=SCRIPT + ';getPropertyValue("--script-reads-it")', own_css="p{margin:var(--ours)}")
    assert out == ":root{--used:1px;--script-reads-it:4px;--ours:5px}.present{margin:var(--used)}"
    # --chain was read by nothing, so --deep, read only by --chain, went with it.


def test_important_and_values_survive_unchanged():
    assert purge(".present{color:red!important;font:12px/1.5 a,b}") == ".present{color:red!important;font:12px/1.5 a,b}"


def test_components_the_bundle_never_mounts_here_lose_their_words(tmp_path):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.js").write_text('x("div",{class:"md-version__list"});x("div",{class:"tabbed-control"})',
                                       encoding="utf-8")
    words = css_purge.site_vocabulary(tmp_path)
    assert not words.has_class("md-version__list") and not words.has_class("tabbed-control")
    (tmp_path / "tabs.html").write_text('<div class="tabbed-set" data-tabs="1:2"></div>', encoding="utf-8")
    assert css_purge.site_vocabulary(tmp_path).has_class("tabbed-control")
    (tmp_path / "index.html").write_text(
        PAGE + '<script id="__config" type="application/json">{"version": {"provider": "mike"}}</script>',
        encoding="utf-8")
    assert css_purge.site_vocabulary(tmp_path).has_class("md-version__list")


def test_an_unreadable_stylesheet_stops_the_build(tmp_path):
    stylesheets = tmp_path / css_purge.STYLESHEETS
    stylesheets.mkdir(parents=True)
    (stylesheets / "main.0.min.css").write_text(".a{color:red}\n.b{color:", encoding="utf-8")
    (stylesheets / "main.1.min.css").write_text(".a{}", encoding="utf-8")
    with pytest.raises(css_purge.BuildFailed, match=r"2 stylesheets named main"):
        css_purge.purge_site(tmp_path)
    (stylesheets / "main.1.min.css").unlink()
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="assets/stylesheets/main.0.min.css">', encoding="utf-8")
    (stylesheets / "main.0.min.css").write_text(".a{color:red}}", encoding="utf-8")
    with pytest.raises(css_purge.BuildFailed, match=r"main\.0\.min\.css:1:14: .*expected CSS that tinycss2 reads"):
        css_purge.purge_site(tmp_path)


def test_pages_are_pointed_at_the_purged_stylesheet_in_the_one_page_pass(tmp_path):
    stylesheets = tmp_path / css_purge.STYLESHEETS
    stylesheets.mkdir(parents=True)
    (stylesheets / "main.0.min.css").write_text(".present{color:red}.absent{color:blue}", encoding="utf-8")
    (stylesheets / "main.0.min.css.map").write_text("{}", encoding="utf-8")
    link = '<link rel="stylesheet" href="../assets/stylesheets/main.0.min.css">'
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(link + PAGE, encoding="utf-8")
    (purged,) = css_purge.purge_site(tmp_path)
    assert purged.old_path == "assets/stylesheets/main.0.min.css" and purged.new_path != purged.old_path
    assert (tmp_path / purged.new_path).read_text(encoding="utf-8") == ".present{color:red}"
    assert not (stylesheets / "main.0.min.css").exists() and not (stylesheets / "main.0.min.css.map").exists()
    rewrite_pages(tmp_path, css_purge.link_edits([purged]))
    assert f'href="../{purged.new_path}"' in (tmp_path / "page" / "index.html").read_text(encoding="utf-8")
    # A stylesheet that no page links: the templates and the purge disagree.
    (tmp_path / "page" / "index.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(css_purge.BuildFailed, match=r"main\.0\.min\.css: no page links it"):
        rewrite_pages(tmp_path, css_purge.link_edits([purged]))


# --------------------------------------------------------------------------
# On the real build

def edition_folders(built_site: Path, tmp_path_factory) -> dict[str, Path]:
    unpacked = tmp_path_factory.mktemp("purge-edition")
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        archive.extractall(unpacked)
    return {"online": built_site, "offline": unpacked / ZIP_FOLDER}


@pytest.fixture(scope="module")
def editions(built_site, tmp_path_factory) -> dict[str, Path]:
    return edition_folders(built_site, tmp_path_factory)


def linked_stylesheets(page: Path) -> list[str]:
    tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
    links = tree.iter("{http://www.w3.org/1999/xhtml}link")
    return [link.get("href") for link in links if link.get("rel") == "stylesheet"]


@pytest.mark.parametrize("edition", ["online", "offline"])
def test_every_page_links_the_purged_stylesheets_which_are_smaller(editions, edition):
    site = editions[edition]
    purged = css_purge.purged_stylesheets(site)
    assert set(purged) == {"main", "palette"}
    for name, path in purged.items():
        original = next(MATERIAL_STYLESHEETS.glob(f"{name}.*.min.css"))
        assert path.name != original.name, "the purged stylesheet keeps Material's name"
        assert path.stat().st_size < original.stat().st_size * 0.7, (name, path.stat().st_size)
        assert not path.with_name(path.name + ".map").exists()
        assert not (site / css_purge.STYLESHEETS / original.name).exists()
    for page in sorted(site.rglob("*.html")):
        if "worker-frame" in page.name or page.name == NOT_SAVED_PATH:
            continue  # the offline edition's search frame and the worker's not-saved page have no stylesheet
        hrefs = linked_stylesheets(page)
        for path in purged.values():
            assert any(href.endswith(f"assets/stylesheets/{path.name}") for href in hrefs), (page, hrefs)
        for href in hrefs:
            if not href.startswith("/"):
                assert (page.parent / href).resolve().is_file(), (page, href)


def structural(selector: str) -> str:
    """The selector with the pseudo-classes and pseudo-elements a page only
    takes on when it is used (:hover, ::before, :checked...) made to match
    always (`:is(*)`): it matches every element the selector could ever
    match, and more."""
    kept_functions = {"not", "is", "where", "has", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"}
    tokens = tinycss2.parse_component_value_list(selector)
    out = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "literal" and token.value == ":":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            always = tinycss2.parse_component_value_list(":is(*)")
            if following is not None and following.type == "literal" and following.value == ":":
                out += always  # ::pseudo-element
                index += 3
                continue
            if following is not None and (following.type == "ident" or (
                    following.type == "function" and following.lower_name not in kept_functions)):
                out += always
                index += 2
                continue
        out.append(token)
        index += 1
    return tinycss2.serialize(out).strip()


def page_trees(site: Path) -> list[tuple[Path, cssselect2.ElementWrapper]]:
    return [(page, cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(page.read_text(encoding="utf-8"))))
            for page in sorted(site.rglob("*.html"))]


@pytest.mark.parametrize("edition", ["online", "offline"])
def test_the_purge_never_drops_a_selector_a_built_page_uses(editions, edition):
    """Purge Material's own stylesheets again with this edition's words, and
    look for every selector that went in every page of the edition: none
    may match an element (even ignoring :hover, ::before and the like)."""
    site = editions[edition]
    words = css_purge.site_vocabulary(site)
    dropped: list[str] = []
    for name in css_purge.PURGED_STYLESHEETS:
        original = next(MATERIAL_STYLESHEETS.glob(f"{name}.*.min.css"))
        count = css_purge.PurgeCount()
        css_purge._purge_rules(css_purge.parse_css(original.read_text(encoding="utf-8")), words, count)
        dropped += count.dropped
    assert len(dropped) > 300, "the purge dropped almost nothing: is it still running?"
    compiled = []
    for selector in dropped:
        try:
            compiled.append((selector, cssselect2.compile_selector_list(structural(selector))))
        except cssselect2.SelectorError:
            pytest.fail(f"the purge dropped {selector!r}, which cssselect2 cannot read")
    used = []
    for page, root in page_trees(site):
        elements = list(root.iter_subtree())
        for selector, tests in compiled:
            if any(test.test(element) for element in elements for test in tests):
                used.append(f"{page.relative_to(site)}: {selector}")
    assert used == []


def test_the_purge_drops_what_this_site_cannot_show(editions):
    """A check that the check above checks something: selectors of components
    the site has no use for went, those it shows stayed."""
    css = "".join(path.read_text(encoding="utf-8") for path in css_purge.purged_stylesheets(editions["online"]).values())
    for gone in ["tabbed-labels", "md-version__list", "md-annotation", "[data-md-color-primary=red]",
                 ".md-typeset .admonition.bug", "data-md-color-switching"]:
        assert gone not in css, gone
    for kept in [".md-search-result__link", ".md-tooltip2", ".md-nav__link", ".md-typeset abbr",
                 "[data-md-color-primary=indigo]", "[data-md-color-scheme=slate]", ".md-top", ".md-dialog"]:
        assert kept in css, kept


def test_headers_and_meta_allow_exactly_the_inline_scripts_by_hash(editions):
    """The inline scripts of every page are the declared ones, and the policy in
    the <meta> and in _headers allows them by the hash of their exact text."""
    expected = {security_policy.script_hash(security_policy.inline_script(name)) for name in security_policy.INLINE_SCRIPTS}
    header = next(line for line in (editions["online"] / "_headers").read_text(encoding="utf-8").splitlines()
                  if "Content-Security-Policy" in line)
    for site in editions.values():
        for page in sorted(site.rglob("*.html")):
            tree = tinyhtml5.parse(page.read_text(encoding="utf-8"))
            ns = "{http://www.w3.org/1999/xhtml}"
            meta = next(m.get("content") for m in tree.iter(f"{ns}meta") if m.get("http-equiv") == "Content-Security-Policy")
            inline = [s.text or "" for s in tree.iter(f"{ns}script")
                      if s.get("src") is None and s.get("type") in (None, "", "text/javascript", "module")]
            assert {security_policy.script_hash(text) for text in inline} <= expected, page
            for policy in (meta, header):
                script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src")).split()[1:]
                assert set(script_src) == {"'self'", "'wasm-unsafe-eval'"} | expected, (page, script_src)
                assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy


def test_an_edition_is_purged_against_its_own_pages_not_the_editions_inside_it(tmp_path):
    # The reference edition's folder holds the others' (ru/, ...), each with its own
    # stylesheets: their markup says nothing of what the reference's pages show.
    stylesheets = tmp_path / css_purge.STYLESHEETS
    stylesheets.mkdir(parents=True)
    (stylesheets / "main.0.min.css").write_text(".present{color:red}.translated{color:blue}", encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "index.html").write_text('<p class="translated">x</p>', encoding="utf-8")
    (purged,) = css_purge.purge_site(tmp_path, leave_out=[tmp_path / "ru"])
    assert (tmp_path / purged.new_path).read_text(encoding="utf-8") == ".present{color:red}"
    assert css_purge.site_vocabulary(tmp_path).has_class("translated")  # without leave_out: every page
