"""The offline edition: a zip linked from every page that, unpacked and
opened from the file system, shows every page with no network at all."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile

import pytest

from browser_fixtures import csp_violations, html_pages
from report_site.build_cache import GzipCache
from report_site.downloads import ZIP_PATH, ZIP_SIZE_MARKER
from report_site.offline_edition import WORKER_FRAME_PATH, ZIP_FOLDER, write_zip, zip_timestamp


def test_zip_is_linked_with_its_size_from_every_page(built_site):
    link = f'href="{ZIP_PATH}"'
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert link in home and "Download for offline reading" in home
    for path in html_pages(built_site):
        if path.endswith("404.html"):  # not a page of the report (in any edition): no downloads
            continue
        if path.split("/")[0] in ("ru", "hy", "az"):  # in its own language: test_editions.py
            continue
        text = (built_site / path).read_text(encoding="utf-8")
        assert "Download for offline reading" in text, path
        assert ZIP_SIZE_MARKER not in text, f"{path}: the zip's size was not filled in"
    assert " (zip, " in home


def test_zip_holds_one_folder_with_file_links_and_no_host_specific_files(built_site):
    with zipfile.ZipFile(built_site / ZIP_PATH) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert all(name.startswith(ZIP_FOLDER + "/") for name in names)
        inside = {name.split("/", 1)[1] for name in names}
        assert {"index.html", "search/search_index.js", WORKER_FRAME_PATH,
                "meetings/london-2014/report.html"} <= inside
        assert not any(name.endswith(".map") or name in ("_headers", "sitemap.xml") for name in inside)
        assert ZIP_PATH not in inside, "the zip must not contain itself"
        home = archive.read(f"{ZIP_FOLDER}/index.html").decode("utf-8")
        assert 'href="meetings/london-2014/report.html"' in home
        assert "You are reading the offline edition" in home
        assert "Download for offline reading" not in home
        assert len({info.date_time for info in archive.infolist()}) == 1, "one fixed time for every entry"


def test_zip_bytes_depend_only_on_the_files(tmp_path, offline_edition):
    unpacked = offline_edition
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    write_zip(unpacked, first)
    (unpacked / "index.html").touch()  # a newer modification time must not matter
    write_zip(unpacked, second)
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


@pytest.mark.browser
def test_every_offline_page_opens_from_the_file_system_without_network(offline_edition, browser_context):
    pages = html_pages(offline_edition)
    assert len(pages) > 20
    page = browser_context.new_page()
    problems = []
    for path in pages:
        page.goto((offline_edition / path).as_uri(), wait_until="load")
        if page.locator("article h1").count() != 1:
            problems.append(f"{path}: no page heading")
        problems += [f"{path}: CSP: {violation}" for violation in csp_violations(page)]
    watch = browser_context.watch
    problems += [f"network request: {url}" for url in watch.requests if not url.startswith(("file://", "data:"))]
    problems += [f"console error: {message}" for message in watch.console_errors]
    problems += [f"page error: {error}" for error in watch.page_errors]
    assert problems == []


@pytest.mark.browser
def test_offline_links_lead_to_pages_not_folders(offline_edition, browser_context):
    page = browser_context.new_page()
    page.goto((offline_edition / "index.html").as_uri(), wait_until="load")
    page.locator("article a", has_text="Read the report").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/meetings/london-2014/report.html")
    assert page.locator("article h1").count() == 1


def test_the_zip_reads_back_as_the_files_it_was_written_from(tmp_path):
    """write_zip lays the zip out itself (from the .gz copies' deflate
    streams): Python's zipfile and Info-ZIP's unzip read back every file,
    its name (UTF-8 included), its time and its permissions; a cache of the
    copies gives the same bytes, on one process or two."""
    folder = tmp_path / ZIP_FOLDER
    files = {"index.html": "<p>The participants met in London.</p>\n" * 50, "empty.txt": "",
             "ru/миростроительство.html": "<p>Миростроительство</p>\n", "downloads/report.pdf": "%PDF-1.7 binary\x00\xff"}
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(text.encode("utf-8", "surrogateescape"))
    plain, cached, parallel = tmp_path / "plain.zip", tmp_path / "cached.zip", tmp_path / "parallel.zip"
    write_zip(folder, plain)
    cache = GzipCache(tmp_path / "gz")
    write_zip(folder, cached, cache=cache)
    write_zip(folder, parallel, jobs=2, cache=cache)
    assert plain.read_bytes() == cached.read_bytes() == parallel.read_bytes()
    with zipfile.ZipFile(plain) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == sorted(f"{ZIP_FOLDER}/{name}" for name in files)
        for relative in files:
            assert archive.read(f"{ZIP_FOLDER}/{relative}") == (folder / relative).read_bytes()
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}
        assert {info.date_time for info in archive.infolist()} == {zip_timestamp()}
    if shutil.which("unzip"):
        tested = subprocess.run(["unzip", "-tq", str(plain)], capture_output=True, text=True, check=False)
        assert tested.returncode == 0, tested.stdout + tested.stderr


def test_more_files_than_a_zip_holds_are_refused_before_any_is_deflated(tmp_path, monkeypatch):
    """Past the entries a zip without zip64 holds, write_zip says so in one line,
    without deflating the files first, and writes no zip."""
    from report_site import offline_edition, precompress
    from report_site.publish import BuildFailed

    edition = tmp_path / ZIP_FOLDER
    edition.mkdir()
    for number in range(3):
        (edition / f"page-{number}.html").write_text(f"<p>{number}</p>\n", encoding="utf-8")
    monkeypatch.setattr(offline_edition, "ZIP_ENTRIES", 2)

    def deflated(*args, **kwargs):
        raise AssertionError("deflated files that cannot be zipped")
    monkeypatch.setattr(offline_edition, "spooled_deflate_streams", deflated)
    monkeypatch.setattr(precompress, "spooled_deflate_streams", deflated)
    with pytest.raises(BuildFailed, match=r"offline edition: 3 files: more than a zip without zip64 holds"):
        write_zip(edition, tmp_path / "edition.zip")
    assert not (tmp_path / "edition.zip").exists()
