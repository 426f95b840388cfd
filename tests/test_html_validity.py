"""Every page the build writes is valid HTML by the Nu Html Checker (vnu,
the W3C's validator): the online site's pages and the offline edition's.
Invalid markup is what screen readers and old browsers guess at. One
invocation over all pages, since vnu's start-up (Java) is most of its time.
vnu comes from npm (vnu-jar, pinned in package.json) and runs on Debian's
Java; scripts/setup.sh installs both."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from browser_fixtures import html_pages

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(pages: list[Path], roots: dict[str, Path]) -> list[str]:
    """vnu's errors (--errors-only) over the pages, as `page:line: message`,
    each page named by its path under one of roots (prefixed with its key)."""
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run scripts/setup.sh (npm ci)"
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=600, check=False)
    # vnu writes its JSON report to standard error; exit status 1 means "errors found".
    assert result.returncode in (0, 1), f"vnu failed ({result.returncode}): {result.stderr[-2000:]}"
    messages = json.loads(result.stderr)["messages"]
    errors = []
    for message in messages:
        page = url = message.get("url", "")
        for prefix, root in roots.items():
            if url.startswith("file:") and Path(url.removeprefix("file:")).is_relative_to(root):
                page = prefix + Path(url.removeprefix("file:")).relative_to(root).as_posix()
        errors.append(f"{page}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}")
    return errors


def test_every_built_page_is_valid_html(built_site, offline_edition):
    online = [built_site / path for path in html_pages(built_site)]
    offline = [offline_edition / path for path in html_pages(offline_edition)]
    assert len(online) > 20 and len(offline) > 20, (len(online), len(offline))
    errors = vnu_errors(online + offline, {"": built_site, "offline edition: ": offline_edition})
    assert errors == [], "\n".join(errors)


def test_vnu_finds_what_it_should(tmp_path):
    """The check can fail: the errors Material's own markup had are reported,
    each with its page and line."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>\n'
        '<input type="checkbox" id="__drawer" autocomplete="off">\n'
        '<label for="__drawer" tabindex="">Menu</label>\n'
        '</body></html>\n', encoding="utf-8")
    errors = vnu_errors([page], {"": tmp_path})
    assert len(errors) == 2, errors
    assert errors[0].startswith("broken.html:3: error: Attribute “autocomplete”"), errors
    assert errors[1].startswith("broken.html:4: error: Bad value “” for attribute “tabindex”"), errors
