"""One build at a time uses a cache folder: a second build started while
the first runs says so and waits, rather than keep pages of the other's
(report_site.build_cache.held_alone); a cache folder it cannot use is an
author's mistake, told in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from report_site.build_cache import LOCK_FILE, held_alone
from support import ROOT, refused_build


def test_a_second_holder_waits_until_the_first_lets_go(tmp_path):
    told: list[str] = []
    entered = threading.Event()

    def second() -> None:
        with held_alone(tmp_path / "cache", lambda: told.append("waiting")):
            entered.set()

    with held_alone(tmp_path / "cache", lambda: told.append("first waited")):
        waiter = threading.Thread(target=second)
        waiter.start()
        assert not entered.wait(0.5), "the second holder went ahead while the first held the cache"
        assert told == ["waiting"]
    assert entered.wait(10), "the second holder never went ahead once the first let go"
    waiter.join()
    with held_alone(tmp_path / "cache", lambda: told.append("third waited")):
        pass
    assert told == ["waiting"]  # nobody waits for a folder no one holds


def test_a_build_waits_for_the_build_using_its_cache(tmp_path):
    """scripts/build.py, started while another build holds its cache folder, says so and
    builds only once that one has finished."""
    cache = tmp_path / "cache"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with held_alone(cache, lambda: None):
        process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), "--html-only", "--jobs", "1",
                                    "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
                                   cwd=ROOT)
        assert process.stderr is not None
        first_line = process.stderr.readline()
        assert f"Another build is using the cache {cache}; waiting for it to finish." in first_line
        assert process.poll() is None
        assert not (tmp_path / "site").exists()
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert (tmp_path / "site" / "index.html").is_file()
    assert (cache / "pages").is_dir()  # it used the cache once it had it
    assert (cache / LOCK_FILE).is_file()


def test_a_cache_folder_the_build_cannot_use_is_refused_in_one_line(tmp_path, capsys):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site\n", encoding="utf-8")
    err = refused_build(["--html-only", "--cache-dir", str(not_a_folder)], site, capsys)
    assert f"{not_a_folder}: the build cache:" in err
    assert "--no-cache" in err
