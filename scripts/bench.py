#!/usr/bin/env python3
"""The benchmark: measures the build, its scale, what readers download,
Lighthouse scores and the PDF, side by side with plain MkDocs + Material,
and writes the results as Markdown tables into BENCHMARKS.md.

    python scripts/bench.py [--quick] [--out BENCHMARKS.md] [--json results.json]

Every build runs in a fresh Python process (a child of this script), so one
build's caches and imports never speed up the next. It is a benchmark, not a
test: nothing here fails because something is slow; the tables say which
targets are met.

--quick is for working on this script: one run of each build, no 1,000-meeting
collection, Lighthouse on the home page only (one run in each profile unless
--lighthouse-runs says otherwise). Its figures are not the ones to publish.

Lighthouse runs LIGHTHOUSE_RUNS times per page in each profile (Lighthouse's
mobile default and a slow phone with a CPU 8x slower), ours and the default
interleaved, within its own time budget (--lighthouse-budget); the tables
give medians and ours / default.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import functools
import gzip
import hashlib
import http.server
import importlib.metadata
import json
import mimetypes
import os
import platform
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

# The four pages readers land on most, by kind.
PAGES = {
    "home": "",
    "report": "meetings/london-2014/report/",
    "group": "meetings/london-2014/groups/clu-experts/",
    "message": "meetings/london-2014/messages/people-to-people-contact/",
}

# What the issue asks for.
TARGET_OVERHEAD = 0.10          # our loading + validation + generation, as a share of plain MkDocs
TARGET_SCALE_SECONDS = 60.0     # 1,000 meetings, HTML only
TARGET_PEAK_MEMORY_MIB = 2048
TARGET_FIRST_VIEW_KIB = 50
TARGET_PDF_SECONDS = 2.0
PHONE_INDEX_LIMIT = 1024 * 1024  # gzip bytes a phone should not have to download for one search

# The whole run must end within 10 minutes on two cores, Lighthouse apart;
# the 1,000-meeting build, the longest step, gets what is left of this budget.
BUDGET_SECONDS = 570

# Lighthouse: several runs per page, ours and the default interleaved, in two
# profiles (simulated throttling: Lighthouse models the network and scales
# the main thread's observed work by the CPU slowdown). Lighthouse has its
# own time budget; a run it cuts short says so in its table. Seven runs: on
# the slow-phone profile one page's blocking time spreads from 0 to 200 ms
# from run to run (BENCHMARKS.md of 29 November 2026, five runs), wider than
# most differences between the two set-ups.
LIGHTHOUSE_RUNS = 7
LIGHTHOUSE_BUDGET_SECONDS = 2400
LIGHTHOUSE_PROFILES = {
    "mobile": {"label": "Lighthouse's mobile default: CPU 4× slower, 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up "
                        "(simulated)", "flags": []},
    "slow phone": {"label": "the same network, CPU 8× slower (simulated)",
                   "flags": ["--throttling.cpuSlowdownMultiplier=8"]},
}
LIGHTHOUSE_METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint", "tbt": "total-blocking-time"}

# The default theme set-up: what someone would start from with the same pages.
PLAIN_CONFIG = """\
site_name: London joint strategic meeting, 2014
site_url: https://meeting-report.example.org/
docs_dir: {docs_dir}
site_dir: {site_dir}
theme:
  name: material
"""

CHILD_RESULT = "BENCH-RESULT "


# --------------------------------------------------------------------------
# Children: each measurement that builds runs in a fresh interpreter.

def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child_build(spec: dict[str, Any]) -> dict[str, Any]:
    """One build with our pipeline: `steps` is html (none), gz (precompress only) or default."""
    from report_site import precompress, publish
    from report_site.steps import default_steps

    steps_by_name: dict[str, list[publish.PostBuildStep]] = {
        "html": [], "gz": [precompress.write_precompressed], "default": default_steps()}
    steps = steps_by_name[spec["steps"]]
    wall, cpu = time.perf_counter(), _cpu_seconds()
    result = publish.build(docs_dir=Path(spec["docs_dir"]), site_dir=Path(spec["site_dir"]), steps=steps)
    return {"seconds": time.perf_counter() - wall, "cpu": _cpu_seconds() - cpu,
            "pages": len(result.model.pages) + sum(len(other.pages) for other in result.model.other_editions),
            "peak_mib": _peak_mib(), "warnings": len(result.warnings)}


def child_plain(spec: dict[str, Any]) -> dict[str, Any]:
    """`mkdocs build` of a minimal mkdocs.yml, the way the mkdocs command runs it."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the id: links it cannot resolve
    wall, cpu = time.perf_counter(), _cpu_seconds()
    config = load_config(spec["config_file"])
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    pages = sum(1 for _ in Path(spec["docs_dir"]).rglob("*.md"))
    return {"seconds": time.perf_counter() - wall, "cpu": _cpu_seconds() - cpu, "pages": pages, "peak_mib": _peak_mib()}


def child_own_work(spec: dict[str, Any]) -> dict[str, Any]:
    """Our own work before MkDocs renders anything: `prepare_site`, the same
    call the build's plugin makes (load + validate every page, generate the
    index pages, make the navigation). Timed alone, several times."""
    from report_site.preparation import prepare_site

    docs_dir = Path(spec["docs_dir"])
    walls, cpus = [], []
    for _ in range(spec["runs"]):
        wall, cpu = time.perf_counter(), _cpu_seconds()
        prepared = prepare_site(docs_dir, display_root=docs_dir.parent)
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu_seconds() - cpu)
        if prepared.problems:
            raise SystemExit(f"the docs do not validate: {prepared.problems[0]}")
    return {"seconds": walls, "cpu": cpus, "pages": len(prepared.model.pages)}


def child_pdf(spec: dict[str, Any]) -> dict[str, Any]:
    """The PDF step alone, on fresh copies of an HTML-only build."""
    from pypdf import PdfReader

    from report_site import pdf, publish

    work = Path(spec["work"])
    result = publish.build(docs_dir=Path(spec["docs_dir"]), site_dir=work / "html-only", steps=[])
    walls, cpus = [], []
    for number in range(spec["runs"]):
        copy = work / f"pdf-run-{number}"
        shutil.copytree(result.site_dir, copy)
        wall, cpu = time.perf_counter(), _cpu_seconds()
        pdf.write_report_pdfs(result.model, copy)
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu_seconds() - cpu)
    meeting = result.model.of_kind("meeting")[0]
    written = copy / pdf.pdf_path(meeting)
    return {"seconds": walls, "cpu": cpus, "bytes": written.stat().st_size,
            "pages": len(PdfReader(str(written)).pages), "path": pdf.pdf_path(meeting)}


def child_collection(spec: dict[str, Any]) -> dict[str, Any]:
    from report_site import synthetic

    # Every edition: the translations are written beside the docs tree, as in the project.
    synthetic.make_collection(ROOT / "docs", Path(spec["target"]), spec["meetings"], seed=spec.get("seed", 0))
    return {}


def child_editions_build(spec: dict[str, Any]) -> dict[str, Any]:
    """An HTML-only build of a project folder (docs/, and translations/ when it
    has one: then every edition). `az_search`: Material's search set-up for
    the Azerbaijani edition, in place of editions.yaml's (to compare two)."""
    from report_site import editions, publish

    if spec.get("az_search") is not None:
        reference, declared = editions._declared()
        declared["az"] = dataclasses.replace(declared["az"], search_lang=tuple(spec["az_search"]["lang"]),
                                             search_pipeline=tuple(spec["az_search"]["pipeline"]))
    wall, cpu = time.perf_counter(), _cpu_seconds()
    result = publish.build(docs_dir=Path(spec["docs_dir"]), site_dir=Path(spec["site_dir"]), steps=[])
    return {"seconds": time.perf_counter() - wall, "cpu": _cpu_seconds() - cpu,
            "editions": [m.language for m in result.model.editions()], "peak_mib": _peak_mib()}


def child_growth_build(spec: dict[str, Any]) -> dict[str, Any]:
    """A build as scripts/build.py makes it, every step: on `jobs` processes,
    with the caches in `cache_dir` (None: no reuse, every page, PDF, card
    and .gz copy made afresh). CPU time counts the worker processes' (report_site.parallel)
    as well as this one's; peak memory is the largest of any process's."""
    from report_site import parallel, publish
    from report_site.build_cache import CardCache, FolderCache, GzipCache, PdfCache
    from report_site.css_purge import VocabularyCache
    from report_site.steps import default_steps

    cache_dir = Path(spec["cache_dir"]) if spec.get("cache_dir") else None
    usage_log = Path(spec["site_dir"]).with_name(Path(spec["site_dir"]).name + ".usage")
    usage_log.unlink(missing_ok=True)
    os.environ[parallel.USAGE_LOG] = str(usage_log)
    steps = default_steps(jobs=spec["jobs"], pdf_cache=PdfCache(cache_dir / "pdf") if cache_dir else None,
                          card_cache=CardCache(cache_dir / "cards") if cache_dir else None,
                          gzip_cache=GzipCache(cache_dir / "gz") if cache_dir else None,
                          page_cache=cache_dir / "pages" if cache_dir else None,
                          vocabulary_cache=VocabularyCache(cache_dir / "vocabulary") if cache_dir else None,
                          pagefind_cache=FolderCache(cache_dir / "pagefind") if cache_dir else None)
    wall, cpu = time.perf_counter(), _cpu_seconds()
    result = publish.build(docs_dir=Path(spec["docs_dir"]), site_dir=Path(spec["site_dir"]), steps=steps,
                           jobs=spec["jobs"], page_cache=cache_dir / "pages" if cache_dir else None)
    seconds, own_cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    workers = parallel.read_usage_log(usage_log)
    return {"seconds": seconds, "cpu": own_cpu + workers.cpu_seconds, "peak_mib": max(_peak_mib(), workers.peak_mib),
            "pages": len(result.model.pages) + sum(len(other.pages) for other in result.model.other_editions),
            "notes": result.notes}


def child_split_job(spec: dict[str, Any]) -> dict[str, Any]:
    """One job of a build split across machines, as scripts/build.py runs it
    in a CI matrix, cold (no cache), on `jobs` processes: an edition's part
    (spec "part": its code, into "part_dir", the edition steps) or the join
    (spec "join": the parts' folders, into "site_dir", the site steps)."""
    from report_site import parallel, publish
    from report_site.offline_edition import language_task
    from report_site.steps import edition_steps, site_steps

    usage_log = Path(spec["usage_log"])
    usage_log.unlink(missing_ok=True)
    os.environ[parallel.USAGE_LOG] = str(usage_log)
    wall, cpu = time.perf_counter(), _cpu_seconds()
    if "part" in spec:
        publish.build_part(spec["part"], part_dir=Path(spec["part_dir"]), docs_dir=Path(spec["docs_dir"]),
                           steps=edition_steps(jobs=spec["jobs"]), offline_pages=language_task, jobs=spec["jobs"])
    else:
        publish.join_parts([Path(folder) for folder in spec["join"]], site_dir=Path(spec["site_dir"]),
                           docs_dir=Path(spec["docs_dir"]), steps=site_steps(jobs=spec["jobs"]))
    seconds, own_cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    workers = parallel.read_usage_log(usage_log)
    return {"seconds": seconds, "cpu": own_cpu + workers.cpu_seconds, "peak_mib": max(_peak_mib(), workers.peak_mib)}


def child_search_build(spec: dict[str, Any]) -> dict[str, Any]:
    """What a reader's search needs of a large collection, without the rest of
    the steps: the pages (HTML), each edition's Pagefind index where it is the
    lighter engine, the pages told which engine they search with (the part of
    the last page pass that says so), and the .gz copies a host serves."""
    import functools

    from report_site import editions, pagefind_search, publish
    from report_site.page_edits import rewrite_pages
    from report_site.precompress import write_precompressed

    def name_the_engine(model: Any, site_dir: Path) -> None:
        folders = [site_dir / editions.edition(m.language).prefix for m in model.editions()]
        for folder in folders:
            nested = [other for other in folders if other != folder and other.is_relative_to(folder)]
            rewrite_pages(folder, pagefind_search.engine_edits(folder), leave_out=nested)

    steps: list[publish.PostBuildStep] = [pagefind_search.PagefindIndexes(), name_the_engine,
                                          functools.partial(write_precompressed, jobs=spec["jobs"])]
    wall = time.perf_counter()
    result = publish.build(docs_dir=Path(spec["docs_dir"]), site_dir=Path(spec["site_dir"]), steps=steps,
                           jobs=spec["jobs"])
    return {"seconds": time.perf_counter() - wall, "peak_mib": _peak_mib(),
            "pages": len(result.model.pages) + sum(len(other.pages) for other in result.model.other_editions)}


CHILDREN = {"search-build": child_search_build, "growth-build": child_growth_build, "split-job": child_split_job,
            "build": child_build, "plain": child_plain, "own-work": child_own_work,
            "pdf": child_pdf, "collection": child_collection, "editions-build": child_editions_build}


def run_child(kind: str, spec: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one child to completion; its result, with the process's wall time.
    On timeout the child (and only it: its own process group) is stopped."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(spec)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return {"timed_out": True, "process_seconds": time.perf_counter() - started}
    if process.returncode != 0:
        raise SystemExit(f"bench child {kind} {spec} failed:\n{err[-4000:]}")
    line = next(line for line in reversed(out.splitlines()) if line.startswith(CHILD_RESULT))
    result: dict[str, Any] = json.loads(line[len(CHILD_RESULT):])
    result["process_seconds"] = time.perf_counter() - started
    return result


# --------------------------------------------------------------------------
# A static host: serves file.gz with Content-Encoding: gzip when the client
# accepts it, as nginx's gzip_static does.

class _CountingWriter:
    """The response stream, counting the bytes that go out (headers and body)."""

    def __init__(self, raw: Any, handler: GzipStaticHandler) -> None:
        self._raw, self._handler = raw, handler

    def write(self, data: bytes) -> int:
        written: int = self._raw.write(data)
        self._handler.sent += len(data) if written is None else written
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class CountingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._lock = threading.Lock()
        self.sent = 0
        self.responses = 0
        self.by_path: list[tuple[str, int]] = []

    def add_sent(self, path: str, count: int) -> None:
        with self._lock:
            self.sent += count
            self.by_path.append((path, count))

    def reset(self) -> None:
        with self._lock:
            self.sent = self.responses = 0
            self.by_path = []


class GzipStaticHandler(http.server.SimpleHTTPRequestHandler):
    sent = 0

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self)  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        self.sent = 0
        super().handle_one_request()
        if self.sent:
            self.server.add_sent(urlsplit(getattr(self, "path", "")).path, self.sent)  # type: ignore[attr-defined]

    def send_response(self, code: int, message: str | None = None) -> None:
        with self.server._lock:  # type: ignore[attr-defined]
            self.server.responses += 1  # type: ignore[attr-defined]
        super().send_response(code, message)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = os.path.join(path, "index.html")
        compressed = path + ".gz"
        if "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path) and os.path.isfile(compressed):
            handle = open(compressed, "rb")  # noqa: SIM115 - send_head's contract: the caller copies and closes it
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(path)[0] or "application/octet-stream")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
            self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
            self.end_headers()
            return handle
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class StaticServer:
    def __init__(self, directory: Path) -> None:
        handler = functools.partial(GzipStaticHandler, directory=str(directory))
        self.httpd = CountingServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --------------------------------------------------------------------------
# Measurements in the parent.

def median(values: list[float]) -> float:
    return statistics.median(values)


def tree_bytes(directory: Path, skip_gz: bool = False) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file() and not (skip_gz and p.suffix == ".gz"))


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def first_view(browser: Any, server: StaticServer, path: str) -> dict[str, Any]:
    """Bytes over the wire, requests and third-party requests when a reader
    opens a page with an empty cache (a fresh browser context). Bytes are
    counted by the server as it sends them (headers and bodies): Chromium's
    own figures leave out what a worker's script weighs."""
    url = server.base + path
    origin = urlsplit(url).netloc
    server.httpd.reset()
    context = browser.new_context()
    page = context.new_page()
    requested: list[Any] = []
    finished: list[Any] = []
    context.on("request", lambda request: requested.append(request))
    context.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    # What the page needed to load; then what comes after it, by the time the network is idle
    # (our pages: offline-reading.js, the service worker and the edition's manifest).
    bytes_at_load, requests_at_load = server.httpd.sent, len([r for r in requested if not r.url.startswith(("data:", "blob:"))])
    with contextlib.suppress(Exception):  # a request that never settles: counted below as it stands
        page.wait_for_load_state("networkidle", timeout=15000)
    page.wait_for_timeout(300)
    reported = 0  # Chromium's figure, for comparison
    # Chromium's sizes of each finished request; a service worker's request has none once the
    # worker has stopped (Playwright then raises), and the server's count below has it anyway.
    measured: list[tuple[Any, dict[str, int]]] = []
    for request in finished:
        if request.url.startswith("data:"):
            continue
        try:
            measured.append((request, request.sizes()))
        except Exception:  # noqa: BLE001 - Playwright's TargetClosedError, for a stopped worker's request
            continue
    for _request, sizes in measured:
        reported += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    largest = sorted(((sizes["responseBodySize"], urlsplit(r.url).path) for r, sizes in measured
                      if urlsplit(r.url).netloc == origin), reverse=True)[:4]
    network = [r for r in requested if not r.url.startswith(("data:", "blob:"))]
    third_party = sorted({urlsplit(r.url).netloc for r in network if urlsplit(r.url).netloc != origin})
    sent, responses = server.httpd.sent, server.httpd.responses
    # Then the reader scrolls: what the page fetches on first use (our pages:
    # Material's bundle and the search scripts, load-on-use.js; the search
    # index waits for a search on both set-ups).
    page.mouse.move(200, 300)
    page.mouse.wheel(0, 400)
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=15000)
    page.wait_for_timeout(500)
    after_use = len([r for r in requested if not r.url.startswith(("data:", "blob:"))])
    context.close()
    return {"bytes": sent, "bytes_at_load": bytes_at_load, "requests_at_load": requests_at_load,
            "browser_bytes": reported, "responses": responses,
            "largest": largest, "requests": len(network),
            "third_party": sum(1 for r in network if urlsplit(r.url).netloc != origin),
            "third_party_hosts": third_party,
            "bytes_after_first_use": server.httpd.sent, "requests_after_first_use": after_use}


def lighthouse(url: str, out: Path, flags: Sequence[str] | None = None) -> dict[str, Any]:
    chrome_flags = " ".join(["--headless=new"] + BROWSER_ARGS)
    command = [str(LIGHTHOUSE), url, f"--chrome-flags={chrome_flags}", "--output=json", f"--output-path={out}",
               "--quiet", "--throttling-method=simulate", f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
               *(flags or [])]
    started = time.perf_counter()
    completed = subprocess.run(command, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True,
                               text=True, timeout=240)
    seconds = time.perf_counter() - started
    if completed.returncode != 0 or not out.is_file():
        return {"error": (completed.stderr or completed.stdout)[-500:], "seconds": seconds}
    report = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()  # a few hundred KiB each, dozens of runs
    scores = {name: (None if report["categories"][name]["score"] is None
                     else round(report["categories"][name]["score"] * 100)) for name in LIGHTHOUSE_CATEGORIES}
    # The audits that cost points, to say what would close a gap.
    costly = []
    for name in LIGHTHOUSE_CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                costly.append(f"{ref['id']} ({audit['score']:.2f}{', ' + audit['displayValue'] if audit.get('displayValue') else ''})")
    metrics = {key: report["audits"][audit].get("numericValue") for key, audit in LIGHTHOUSE_METRICS.items()}
    return {"scores": scores, "costly": costly, "metrics": metrics, "seconds": seconds,
            "benchmark_index": (report.get("environment") or {}).get("benchmarkIndex"),
            "cpu_slowdown": report["configSettings"]["throttling"].get("cpuSlowdownMultiplier"),
            "total_byte_weight": report["audits"]["total-byte-weight"].get("numericValue"),
            "runtime_error": (report.get("runtimeError") or {}).get("message")}


def lighthouse_runs(servers: dict[str, StaticServer], pages: list[str], runs: int, budget: float,
                    work: Path) -> dict[str, Any]:
    """Lighthouse `runs` times on every page in every profile, ours and the
    default interleaved (which goes first alternates from run to run), round
    by round, so that a run cut short by the budget leaves every page with
    the same number of runs, give or take one."""
    started = time.perf_counter()
    measured: dict[str, Any] = {profile: {page: {setup: [] for setup in servers} for page in pages}
                                for profile in LIGHTHOUSE_PROFILES}
    stopped = False
    for number in range(runs):
        for profile, settings in LIGHTHOUSE_PROFILES.items():
            for page in pages:
                order = list(servers) if number % 2 == 0 else list(reversed(servers))
                for setup in order:
                    if time.perf_counter() - started > budget:
                        stopped = True
                        break
                    log(f"Lighthouse run {number + 1}/{runs}, {profile}: {setup} {page}")
                    measured[profile][page][setup].append(
                        lighthouse(servers[setup].base + PAGES[page], work / "lighthouse.json", settings["flags"]))
    return {"runs_wanted": runs, "budget": budget, "stopped": stopped, "seconds": time.perf_counter() - started,
            "profiles": {name: settings["label"] for name, settings in LIGHTHOUSE_PROFILES.items()},
            "measured": measured}


def css_purge_savings(site: Path) -> list[dict[str, Any]]:
    """Material's stylesheets as the theme ships them against the purged ones
    the site links (report_site.css_purge), raw and gzip at level 9."""
    import material

    from report_site import css_purge
    shipped = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    rows = []
    for name, purged in css_purge.purged_stylesheets(site).items():
        original = next(shipped.glob(f"{name}.*.min.css"))
        rows.append({"name": name, "original": original.name, "purged": purged.name,
                     "bytes_before": original.stat().st_size, "bytes_after": purged.stat().st_size,
                     "gzip_before": gzip_size(original), "gzip_after": gzip_size(purged)})
    return rows


def offline_reading_sizes(site: Path) -> list[dict[str, Any]]:
    """What "Keep this edition offline" downloads, per edition (its manifest, report_site.offline_reading),
    and what the worker itself weighs, gzipped as served."""
    from report_site import offline_reading
    rows = []
    for manifest_path in sorted(site.rglob(offline_reading.MANIFEST_PATH)):
        root = manifest_path.parent
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        kept = manifest["pages"] + manifest["files"]
        rows.append({"edition": manifest["language"], "pages": len(manifest["pages"]), "files": len(manifest["files"]),
                     "bytes": sum(entry["bytes"] for entry in kept),
                     "transfer_bytes": manifest["edition_transfer_bytes"], "pdf_bytes": manifest["pdf_bytes"],
                     "manifest_gzip": gzip_size(manifest_path),
                     "worker_gzip": gzip_size(root / offline_reading.WORKER_PATH),
                     "page_script_gzip": gzip_size(root / "assets/javascripts/report/offline-reading.js")})
    return rows


def pagefind_index(site: Path) -> dict[str, Any]:
    """Pagefind over a built site: how long the index takes, how big it is."""
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article",
                                "--output-subdir", "pagefind", "--silent"], capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        return {"error": (completed.stderr or completed.stdout)[-500:]}
    bundle = site / "pagefind"
    # Its scripts gzipped as the build does for the rest (its index files come compressed already).
    from report_site.precompress import write_precompressed
    write_precompressed(None, bundle)  # type: ignore[arg-type]
    return {"seconds": seconds, "bytes": tree_bytes(bundle), "files": sum(1 for p in bundle.rglob("*") if p.is_file())}


PAGEFIND_QUERY = """async (term) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const search = await pagefind.search(term);
  const shown = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  return {results: search.results.length, shown: shown.length};
}"""


def pagefind_query(browser: Any, server: StaticServer, term: str) -> dict[str, Any]:
    """Bytes one Pagefind search downloads (its script, WebAssembly, the index
    chunks for the term and the fragments of the first five results)."""
    context = browser.new_context()
    page = context.new_page()
    # A same-origin document without the site's Content-Security-Policy to run the query from.
    page.goto(server.base + "pagefind/pagefind-entry.json")
    server.httpd.reset()
    answer = page.evaluate(PAGEFIND_QUERY, term)
    page.wait_for_timeout(300)
    context.close()
    fetched = [(path, size) for path, size in server.httpd.by_path if path.startswith("/pagefind/")]
    per_query = sum(size for path, size in fetched if path.endswith((".pf_index", ".pf_fragment")))
    total = sum(size for _, size in fetched)
    return {"term": term, "bytes": total, "requests": len(fetched),
            "term_bytes": per_query, "fixed_bytes": total - per_query, **answer}


SEARCH_QUERIES = {"en": ("ceasefire", "journalists"), "ru": ("миростроительство", "линия фронта"),
                  "hy": ("հրադադարից", "երկխոսություն"), "az": ("atəşkəs", "sülh quruculuğu")}


def search_downloads(browser: Any, server: StaticServer, edition: str, queries: tuple[str, ...]) -> list[dict[str, Any]]:
    """Bytes the site's own search downloads in a fresh browser on the home page of
    `edition` ('' or 'ru/'), query after query, as a reader types them: once the page
    is in use (a scroll: Material's bundle and what comes with it, search aside,
    fetched and the network idle), each query's bytes from its first key to idle.
    Whatever engine the build gave the pages (lunr or Pagefind): the server's count."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.base + edition, wait_until="load")
    page.mouse.wheel(0, 200)
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=15000)
    page.wait_for_timeout(500)
    field = page.locator("input.md-search__input")
    answers = []
    for query in queries:
        server.httpd.reset()
        field.click()
        field.fill("")
        page.keyboard.type(query, delay=60)
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=15000)
        page.wait_for_timeout(800)
        fetched = list(server.httpd.by_path)
        answers.append({"query": query, "bytes": sum(size for _, size in fetched), "requests": len(fetched),
                        "largest": sorted(fetched, key=lambda item: -item[1])[:4]})
    context.close()
    return answers


def site_search_downloads(site: Path) -> dict[str, list[dict[str, Any]]]:
    """search_downloads for each edition of a built site (every step, .gz copies included)."""
    from playwright.sync_api import sync_playwright

    editions_found = {"en": ""} | {code: f"{code}/" for code in ("ru", "hy", "az") if (site / code / "index.html").is_file()}
    with StaticServer(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        found = {code: search_downloads(browser, server, prefix, SEARCH_QUERIES[code]) for code, prefix in editions_found.items()}
        browser.close()
    for code, prefix in editions_found.items():  # which engine the build gave the edition
        engine = "Pagefind" if (site / prefix / "pagefind").is_dir() else "lunr"
        for answer in found[code]:
            answer["engine"] = engine
    return found


def projected_index_gzip(scale: dict[str, Any], meetings: int = 1000) -> float:
    """Material's index gzip at `meetings`: measured on the largest collection
    built, scaled linearly when that is a smaller one (the synthetic meetings
    differ in their words, so the gzip measured is what distinct meetings weigh)."""
    built = [int(size) for size, entry in scale.items() if "index_gzip" in entry]
    if not built:
        return 0.0
    largest = max(built)
    projected: float = scale[str(largest)]["index_gzip"] * meetings / largest
    return projected


# --------------------------------------------------------------------------
# The run.

def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gib": memory / 1024 / 1024,
            "load_start": os.getloadavg()}


def versions() -> dict[str, str]:
    def package(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    lighthouse_json = ROOT / "node_modules" / "lighthouse" / "package.json"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "Python": platform.python_version(), "MkDocs": package("mkdocs"), "Material for MkDocs": package("mkdocs-material"),
        "WeasyPrint": package("weasyprint"), "Chromium": chromium, "Playwright": package("playwright"),
        "Lighthouse": json.loads(lighthouse_json.read_text())["version"] if lighthouse_json.is_file() else "not installed",
        "Node.js": node, "Pagefind": package("pagefind-bin-extended"),
    }


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        print("node_modules/ missing: npm ci", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


TARGET_SERVE_EDIT_SECONDS = 5.0  # issue 22: `mkdocs serve` shows an edit at a hundred meetings


def serve_edit_seconds(docs_dir: Path, edits: int = 5, *, dirty: bool = True,
                       wait: float = 1800.0) -> dict[str, Any]:
    """`mkdocs serve` (`--dirty`, the authoring guide's preview, unless told
    otherwise) on `docs_dir` (its translations beside it): the time from
    saving a one-sentence edit of a meeting's report to the served page
    showing it, polled over HTTP, for each of `edits` edits, and their median.
    Callable alone: `serve_edit_seconds(Path("/tmp/c100/docs"), 5)`."""
    reports = sorted(docs_dir.glob("meetings/*/report.md"))
    report = reports[len(reports) // 2]
    url_path = report.relative_to(docs_dir).with_suffix("").as_posix() + "/"
    original = report.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        config = Path(scratch) / "mkdocs.yml"
        text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        text = text.replace("docs_dir: docs", f"docs_dir: {docs_dir.resolve()}")
        text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
        text = text.replace("  - overrides\n", f"  - {ROOT / 'overrides'}\n")
        text = text.replace("  - scripts/report_site\n", f"  - {ROOT / 'scripts' / 'report_site'}\n")
        config.write_text(text, encoding="utf-8")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        page_url = f"http://127.0.0.1:{port}/{url_path}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
                   *(["--dirty"] if dirty else [])]
        output = Path(scratch) / "serve.log"

        def served() -> str:
            try:
                with urllib.request.urlopen(page_url, timeout=wait) as response:
                    return str(response.read().decode("utf-8"))
            except OSError:  # not serving yet
                return ""

        def until(sentence: str) -> float:
            start = time.monotonic()
            while sentence not in served():
                if time.monotonic() - start > wait:
                    raise TimeoutError(f"{sentence!r} not served within {wait} s:\n{output.read_text()[-2000:]}")
                time.sleep(0.05)
            return time.monotonic() - start

        with output.open("w") as log_file:
            process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=scratch)
            try:
                first = f"Benchmark sentence {time.time_ns()} before the first edit."
                report.write_text(_with_sentence(original, first), encoding="utf-8")
                first_build = until(first)
                seconds = []
                for number in range(edits):
                    time.sleep(1.0)  # a pause between saves, as an author's
                    sentence = f"Benchmark sentence {time.time_ns()}, edit {number + 1}."
                    report.write_text(_with_sentence(original, sentence), encoding="utf-8")
                    seconds.append(until(sentence))
            finally:
                process.terminate()
                process.wait(timeout=60)
                report.write_text(original, encoding="utf-8")
    return {"meetings": len(reports), "dirty": dirty, "page": url_path, "first_build_s": first_build,
            "edits_s": seconds, "median_s": median(seconds), "target_s": TARGET_SERVE_EDIT_SECONDS,
            "met": median(seconds) <= TARGET_SERVE_EDIT_SECONDS}


def _with_sentence(report: str, sentence: str) -> str:
    """The report with one more sentence, a paragraph before its first section heading."""
    body_start = report.index("\n---", 3) + 4
    heading = report.index("\n## ", body_start)
    return report[:heading] + f"\n{sentence}\n" + report[heading:]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def bench(quick: bool, work: Path, budget: float = BUDGET_SECONDS, lighthouse_runs_wanted: int = LIGHTHOUSE_RUNS,
          lighthouse_budget: float = LIGHTHOUSE_BUDGET_SECONDS, growth_sizes: Sequence[int] = (1, 10, 100),
          anchor_budget: float = 1800) -> dict[str, Any]:
    started = time.perf_counter()
    budget_clock = started  # BUDGET_SECONDS counts from here, Lighthouse's time left out
    results: dict[str, Any] = {"date": datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
                               "quick": quick, "machine": machine(), "versions": versions()}
    runs = 1 if quick else 3

    # 1. Build time, side by side, on the real docs/. Like for like with plain MkDocs: the
    # English pages alone (a copy of docs/ without translations/ beside it: one edition);
    # the repository's four editions once more with every step, as publishing builds them.
    plain_docs = work / "plain-docs"
    shutil.copytree(ROOT / "docs", plain_docs)
    plain_config = work / "plain-mkdocs.yml"
    plain_config.write_text(PLAIN_CONFIG.format(docs_dir=plain_docs, site_dir=work / "plain-site"), encoding="utf-8")
    builds: dict[str, list[dict[str, Any]]] = {"html": [], "default": [], "editions": [], "plain": []}
    for number in range(runs):  # round robin, so drifting load on the machine hits each alike
        log(f"build times, run {number + 1}/{runs}")
        builds["html"].append(run_child("build", {"docs_dir": str(plain_docs), "site_dir": str(work / "html-site"), "steps": "html"}))
        builds["default"].append(run_child("build", {"docs_dir": str(plain_docs), "site_dir": str(work / "english-site"),
                                                     "steps": "default"}))
        builds["editions"].append(run_child("build", {"docs_dir": str(ROOT / "docs"), "site_dir": str(work / "site"),
                                                      "steps": "default"}))
        builds["plain"].append(run_child("plain", {"config_file": str(plain_config), "docs_dir": str(plain_docs)}))
    log("our own loading, validation and generation")
    own = run_child("own-work", {"docs_dir": str(plain_docs), "runs": 5})
    results["build"] = {"runs": runs, "builds": builds, "own_work": own}

    # 5. The PDF step alone.
    log("PDF")
    results["pdf"] = run_child("pdf", {"docs_dir": str(plain_docs), "work": str(work / "pdf"), "runs": runs})

    # 3, 4 and 6: what readers download and Lighthouse, ours against the default set-up.
    anchor_site = work / "plain-site"
    from report_site.precompress import write_precompressed
    write_precompressed(None, anchor_site)  # type: ignore[arg-type]  # as a host that compresses would serve it
    sites = {"ours": work / "site", "default": anchor_site}
    ensure_lighthouse()
    from playwright.sync_api import sync_playwright

    weight: dict[str, dict[str, Any]] = {"ours": {}, "default": {}}
    lighthouse_pages = ["home"] if quick else list(PAGES)
    with StaticServer(sites["ours"]) as ours, StaticServer(sites["default"]) as anchor:
        servers = {"ours": ours, "default": anchor}
        log("page weight (first view)")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            for name, path in PAGES.items():
                for setup, server in servers.items():
                    weight[setup][name] = first_view(browser, server, path)
            browser.close()
        scores = lighthouse_runs(servers, lighthouse_pages, lighthouse_runs_wanted, lighthouse_budget, work)
    results["weight"] = weight
    results["lighthouse"] = scores
    results["css_purge"] = css_purge_savings(sites["ours"])
    results["offline_reading"] = offline_reading_sizes(sites["ours"])
    budget_clock += scores["seconds"]  # Lighthouse has its own budget: the rest keeps BUDGET_SECONDS

    # 7. Editions.
    results["editions"] = editions_measurements(quick, work)

    # 2. Growth: every step, parallel and incremental, against the sequential build.
    results["growth"] = growth_measurements(quick, work, growth_sizes, anchor_budget)

    # 2b. Scale: synthetic collections, HTML only, each build in a fresh process.
    sizes = [1, 10, 100] if quick else [1, 10, 100, 1000]
    scale: dict[str, Any] = {}
    for meetings in sizes:
        docs = work / f"collection-{meetings}" / "docs"
        site = work / f"collection-{meetings}" / "site"
        log(f"scale: making {meetings} meeting(s)")
        run_child("collection", {"target": str(docs), "meetings": meetings})
        repeat = runs if meetings <= 10 else 1
        measured = []
        for number in range(repeat):
            timeout = None
            if meetings == 1000:
                timeout = max(60.0, budget - (time.perf_counter() - budget_clock) - 45)
            log(f"scale: building {meetings} meeting(s), run {number + 1}/{repeat}"
                + (f" (stopped after {timeout:.0f} s)" if timeout else ""))
            measured.append(run_child("build", {"docs_dir": str(docs), "site_dir": str(site), "steps": "html"}, timeout))
        entry: dict[str, Any] = {"runs": measured, "source_pages": sum(1 for _ in docs.rglob("*.md"))}
        if not measured[-1].get("timed_out"):
            index = site / "search" / "search_index.json"
            entry.update(output_bytes=tree_bytes(site), index_bytes=index.stat().st_size, index_gzip=gzip_size(index))
        scale[str(meetings)] = entry
        if meetings not in (100, sizes[-1]):
            shutil.rmtree(site, ignore_errors=True)  # the disk: 1,000 meetings alone are over a gigabyte
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(docs.parent / "translations", ignore_errors=True)
    results["scale"] = scale

    # Pagefind, when Material's index at 1,000 meetings is past what a phone should fetch: over
    # the 1,000-meeting site when it was built and time is left, else over the 100-meeting one.
    largest = next((size for size in reversed(sizes) if "index_gzip" in scale[str(size)]), None)
    projected = projected_index_gzip(scale)
    if largest is not None and (projected > PHONE_INDEX_LIMIT or quick):
        left = budget - (time.perf_counter() - budget_clock)
        target = largest if largest < 1000 or left > 60 else max(size for size in sizes if size < 1000)
        site = work / f"collection-{target}" / "site"
        log(f"Pagefind over {target} meetings")
        try:
            results["pagefind"] = {"meetings": target, **pagefind_measurements(site)}
        except Exception as error:  # a benchmark keeps what it measured so far
            results["pagefind"] = {"meetings": target, "error": repr(error)}
    results["machine"]["load_end"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started
    return results


# The one-sentence edit of the growth measurements: a sentence added to the last
# paragraph of the last meeting's English report (a new sentence, so every run's
# edit is a real change, and one the build's checks accept).
EDIT_SENTENCE = "The participants agreed to meet again within the year."


def one_sentence_edit(docs: Path, number: int) -> str:
    """Add a sentence to the last paragraph of the last meeting's report; the page edited."""
    report = sorted((docs / "meetings").glob("*/report.md"))[-1]
    lines = report.read_text(encoding="utf-8").splitlines()
    last = max(i for i, line in enumerate(lines) if line.strip() and not line.startswith(("{:", "#", "<", ">")))
    lines[last] += f" {EDIT_SENTENCE.replace('the year', f'the year ({number + 1})')}"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report.relative_to(docs).as_posix()


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file under folder: its SHA-256 and mode."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() + oct(path.stat().st_mode)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def split_build_measurements(docs: Path, project: Path, cores: int, whole_site: Path) -> dict[str, Any]:
    """A cold build split across machines as a CI matrix runs it (README): one
    job per edition's part, then the join, each a fresh process on `cores`
    processes without a cache. The jobs run here one after another; on a
    matrix of machines like this one the parts run side by side, so the
    matrix waits for the slowest part, then the join. Its site is compared,
    file by file, with `whole_site`, the cold build on one machine."""
    from report_site import editions

    codes = [language.code for language in editions.built_editions(docs)]
    parts: dict[str, Any] = {}
    for code in codes:
        log(f"growth: split build, part {code}")
        parts[code] = run_child("split-job", {"part": code, "part_dir": str(project / f"part-{code}"),
                                              "docs_dir": str(docs), "jobs": cores,
                                              "usage_log": str(project / f"part-{code}.usage")})
    log("growth: split build, the join")
    joined_site = project / "joined"
    join = run_child("split-job", {"join": [str(project / f"part-{code}") for code in codes], "site_dir": str(joined_site),
                                   "docs_dir": str(docs), "jobs": cores, "usage_log": str(project / "join.usage")})
    whole, joined = tree_hashes(whole_site), tree_hashes(joined_site)
    differing = sorted(name for name in whole.keys() | joined.keys() if whole.get(name) != joined.get(name))
    for code in codes:
        shutil.rmtree(project / f"part-{code}", ignore_errors=True)
    shutil.rmtree(joined_site, ignore_errors=True)
    slowest = max(parts.values(), key=lambda part: part["seconds"])
    return {"parts": parts, "join": join, "matrix_seconds": slowest["seconds"] + join["seconds"],
            "files": len(whole), "identical": not differing, "differing": differing[:10]}


def growth_measurements(quick: bool, work: Path, sizes: Sequence[int], anchor_budget: float) -> dict[str, Any]:
    """Issue 22's growth figures, at each size: the sequential build without reuse
    (the anchor: one process, no cache), the cold build on every core with an empty
    cache, and the rebuild after a one-sentence edit with the cache the cold build
    left; each in a fresh process, every step. Collections of up to 10 meetings:
    median of 3 rounds (1 with --quick); larger ones one round. The anchor is
    skipped, and the table says so, when the time spent so far says it would
    not end within `anchor_budget` seconds."""
    from report_site.parallel import usable_cores
    from report_site.publish import source_date_epoch

    # Every build of the section dated alike: otherwise a commit made while it runs moves the
    # date every PDF is stamped with, and an edit build would render them all again.
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
    cores = usable_cores()
    started = time.perf_counter()
    growth: dict[str, Any] = {"cores": cores, "load_start": os.getloadavg(),
                              "date": datetime.datetime.now().astimezone().isoformat(timespec="minutes"), "sizes": {}}
    for meetings in sizes:
        project = work / f"growth-{meetings}"
        docs = project / "docs"
        log(f"growth: making {meetings} meeting(s)")
        made = time.perf_counter()
        run_child("collection", {"target": str(docs), "meetings": meetings})
        entry: dict[str, Any] = {"generation_seconds": time.perf_counter() - made, "rounds": []}
        rounds = 1 if quick or meetings > 10 else 3
        for number in range(rounds):
            cache = project / f"cache-{number}"
            elapsed = time.perf_counter() - started
            round_: dict[str, Any] = {}
            if meetings <= 10 or elapsed < anchor_budget:
                log(f"growth: {meetings} meeting(s), round {number + 1}/{rounds}: sequential, no reuse")
                round_["sequential"] = run_child("growth-build", {"docs_dir": str(docs), "site_dir": str(project / "anchor"),
                                                                  "jobs": 1, "cache_dir": None})
            log(f"growth: {meetings} meeting(s), round {number + 1}/{rounds}: cold, {cores} processes")
            round_["cold"] = run_child("growth-build", {"docs_dir": str(docs), "site_dir": str(project / "site"),
                                                        "jobs": cores, "cache_dir": str(cache)})
            if number == 0 and meetings == max(sizes) and meetings > 1:
                # Before the edit, while the site is the cold build's: the split build must match it.
                entry["split"] = split_build_measurements(docs, project, cores, project / "site")
            round_["edited"] = one_sentence_edit(docs, number)
            log(f"growth: {meetings} meeting(s), round {number + 1}/{rounds}: after editing {round_['edited']}")
            round_["edit"] = run_child("growth-build", {"docs_dir": str(docs), "site_dir": str(project / "site"),
                                                        "jobs": cores, "cache_dir": str(cache)})
            entry["rounds"].append(round_)
            shutil.rmtree(cache, ignore_errors=True)
        entry["pages"] = entry["rounds"][0]["cold"]["pages"]
        log(f"growth: what searches download at {meetings} meeting(s)")
        entry["search"] = site_search_downloads(project / "site")
        if meetings == max(sizes):
            log(f"growth: mkdocs serve --dirty at {meetings} meeting(s)")
            entry["serve"] = serve_edit_seconds(docs, 3 if quick else 5)
        growth["sizes"][str(meetings)] = entry
        shutil.rmtree(project, ignore_errors=True)
    growth["load_end"] = os.getloadavg()
    growth["seconds"] = time.perf_counter() - started
    return growth


def search_at_scale(work: Path, meetings: int, collection: Path | None = None) -> dict[str, Any]:
    """What a first and a further search download in each edition of a large
    collection (child_search_build: HTML, search and .gz only, every core).
    `collection`: a docs folder make_collection made of `meetings` meetings
    already (its translations beside it), used as it is."""
    from report_site.parallel import usable_cores

    docs = collection or work / f"search-{meetings}" / "docs"
    made = 0.0
    if collection is None:
        log(f"search: making {meetings} meetings")
        started = time.perf_counter()
        run_child("collection", {"target": str(docs), "meetings": meetings})
        made = time.perf_counter() - started
    site = work / f"search-{meetings}-site"
    log(f"search: building {meetings} meetings (HTML, search, .gz)")
    built = run_child("search-build", {"docs_dir": str(docs), "site_dir": str(site), "jobs": usable_cores()})
    log(f"search: what searches download at {meetings} meetings")
    found = {"meetings": meetings, "build": built, "generation_seconds": made, "search": site_search_downloads(site),
             "date": datetime.datetime.now().astimezone().isoformat(timespec="minutes")}
    shutil.rmtree(site, ignore_errors=True)
    return found


def pagefind_measurements(site: Path) -> dict[str, Any]:
    """Pagefind's index, the bytes of two queries, and the home page's first view with Material's search."""
    from playwright.sync_api import sync_playwright

    from report_site.precompress import write_precompressed
    found = pagefind_index(site)
    # What the home page of this collection weighs with Material's search as it is (its
    # index and the theme's assets gzipped as the build would).
    write_precompressed(None, site / "search")  # type: ignore[arg-type]
    write_precompressed(None, site / "assets")  # type: ignore[arg-type]
    home = site / "index.html"
    (site / "index.html.gz").write_bytes(gzip.compress(home.read_bytes(), 9, mtime=0))
    with StaticServer(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        found["home_first_view"] = first_view(browser, server, "")
        if "error" not in found:
            found["queries"] = [pagefind_query(browser, server, term) for term in ("ceasefire", "journalists")]
        browser.close()
    return found


# --------------------------------------------------------------------------
# 7. Editions: four languages against one.

TARGET_EDITIONS_RATIO = 4.5  # four editions' HTML build against one edition's
EDITIONS_PAGE = "meetings/london-2014/report/"
# Azerbaijani queries a reader types, each with a page its first three results should hold
# (words of the translated report, in other forms than the text has them).
AZ_QUERIES = [
    ("sülh quruculuğu", "meetings/london-2014/report/"),
    ("sülh quruculuğuna", "meetings/london-2014/report/"),
    ("cəmiyyətlər arasında əlaqə", "meetings/london-2014/report/"),
    ("gərginliyin azaldılması", "meetings/london-2014/report/"),
    ("iştirakçıların", "meetings/london-2014/report/"),
    ("münaqişənin tərəfləri", "meetings/london-2014/report/"),
    ("çevikliyə", "meetings/london-2014/report/"),
    ("tərəfdaşlarla", "meetings/london-2014/report/"),
    ("dialoqun inkişafı", "meetings/london-2014/report/"),
    ("davamlı əlaqələr", "meetings/london-2014/messages/people-to-people-contact/"),
    ("insanlar arasında", "meetings/london-2014/messages/people-to-people-contact/"),
    ("hesabatda", "meetings/london-2014/report/"),
]
AZ_SEARCH_SETUPS = {"tr": {"lang": ["tr"], "pipeline": ["stemmer", "stopWordFilter", "trimmer"]},
                    "none": {"lang": ["en"], "pipeline": []}}


def editions_project(work: Path, name: str, with_translations: bool) -> Path:
    """docs/ (and translations/: the repository's, or this suite's fixtures when
    the repository has none yet) copied into work/name; its docs folder."""
    project = work / name
    shutil.copytree(ROOT / "docs", project / "docs")
    if with_translations:
        own = ROOT / "translations"
        source = own if any(own.rglob("*.md")) else ROOT / "tests" / "data" / "translations"
        shutil.copytree(source, project / "translations")
        for code in ("ru", "hy", "az"):
            (project / "translations" / code).mkdir(exist_ok=True)
    return project / "docs"


def search_hits(browser: Any, server: StaticServer, edition: str, queries: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Each query typed into an edition's search: its results, and whether the expected page is in the first three."""
    page = browser.new_page()
    found = []
    for query, expected in queries:
        page.goto(server.base + edition + "/")
        page.locator("input.md-search__input").click()
        page.keyboard.type(query)
        with contextlib.suppress(Exception):
            page.wait_for_selector(".md-search-result__item", timeout=8000)
        page.wait_for_timeout(1500)  # the debounce, and the last key's results
        hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "ls => ls.map(l => l.href)")
        base = server.base + edition + "/"
        shown = list(dict.fromkeys(h.split("#")[0].split("?")[0].replace(base, "") for h in hrefs))
        found.append({"query": query, "results": len(shown), "top3": expected in shown[:3]})
    page.close()
    return found


def axe_count(browser: Any, url: str) -> dict[str, Any]:
    """axe-core (npm, pinned) on one page, every rule: the violations' ids."""
    script = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    page = browser.new_page()
    page.goto(url, wait_until="load")
    page.evaluate(script)
    violations = page.evaluate("""() => axe.run(document, {runOnly: {type: "rule", values: axe.getRules().map(r => r.ruleId)},
                                                 resultTypes: ["violations"]}).then(r => r.violations.map(v => v.id))""")
    page.close()
    return {"violations": violations}


def editions_measurements(quick: bool, work: Path) -> dict[str, Any]:
    """Section 7: build time of four editions against one, each edition's search
    index, an English page's first view with and without the other editions,
    Lighthouse and axe on one page of each edition, and the Azerbaijani search
    with the Turkish stemmer against none."""
    runs = 1 if quick else 3
    one_docs = editions_project(work, "one-edition", with_translations=False)
    four_docs = editions_project(work, "four-editions", with_translations=True)
    builds: dict[str, list[dict[str, Any]]] = {"one": [], "four": []}
    for number in range(runs):
        log(f"editions: build times, run {number + 1}/{runs}")
        builds["one"].append(run_child("editions-build", {"docs_dir": str(one_docs), "site_dir": str(work / "one-site")}))
        builds["four"].append(run_child("editions-build", {"docs_dir": str(four_docs), "site_dir": str(work / "four-site")}))
    one_site, four_site = work / "one-site", work / "four-site"
    indexes = {}
    for code in builds["four"][-1]["editions"]:
        index = four_site / ("" if code == "en" else code) / "search" / "search_index.json"
        indexes[code] = {"bytes": index.stat().st_size, "gzip": gzip_size(index)}
    from report_site.precompress import write_precompressed
    write_precompressed(None, one_site)  # type: ignore[arg-type]  # served as the real build serves them
    write_precompressed(None, four_site)  # type: ignore[arg-type]
    result: dict[str, Any] = {"runs": runs, "builds": builds, "indexes": indexes,
                              "translations": "repository" if any((ROOT / "translations").rglob("*.md")) else "test fixtures"}
    from playwright.sync_api import sync_playwright
    with StaticServer(one_site) as one, StaticServer(four_site) as four, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        log("editions: an English page's first view, one edition and four")
        result["first_view"] = {"one": first_view(browser, one, EDITIONS_PAGE), "four": first_view(browser, four, EDITIONS_PAGE)}
        result["axe"] = {}
        for code in builds["four"][-1]["editions"]:
            prefix = "" if code == "en" else code + "/"
            result["axe"][code] = axe_count(browser, four.base + prefix + EDITIONS_PAGE)
        browser.close()
        result["lighthouse"] = {}
        for code in builds["four"][-1]["editions"]:
            prefix = "" if code == "en" else code + "/"
            log(f"editions: Lighthouse, {code}")
            result["lighthouse"][code] = lighthouse(four.base + prefix + EDITIONS_PAGE, work / f"lighthouse-edition-{code}.json")
    # Azerbaijani: the Turkish stemmer against no language processing at all.
    result["az_search"] = {}
    for name, setup in AZ_SEARCH_SETUPS.items():
        log(f"editions: Azerbaijani search with {name}")
        site = work / f"az-{name}-site"
        run_child("editions-build", {"docs_dir": str(four_docs), "site_dir": str(site), "az_search": setup})
        with StaticServer(site) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            result["az_search"][name] = search_hits(browser, server, "az", AZ_QUERIES)
            browser.close()
    return result


def editions_report(e: dict[str, Any]) -> list[str]:
    out: list[str] = []
    add = out.append
    one = median([b["seconds"] for b in e["builds"]["one"]])
    four = median([b["seconds"] for b in e["builds"]["four"]])
    add("## 7. Editions in four languages\n")
    add(f"One MkDocs build per edition (guides/architecture.md, *How the editions are built*), HTML only, each in a fresh process, "
        f"median of {e['runs']} run(s); translations: the {e['translations']}. One edition: docs/ alone; four: "
        f"docs/ with translations/ beside it (English, Russian, Armenian, Azerbaijani).\n")
    one_cpu = median([b["cpu"] for b in e["builds"]["one"]])
    four_cpu = median([b["cpu"] for b in e["builds"]["four"]])
    add(table(["Build (HTML only)", "Time (wall)", "CPU", "Peak memory", "Ratio (wall)", "Ratio (CPU)", "Target", "Met"], [
        ["one edition", f"{one:.2f} s", f"{one_cpu:.2f} s",
         f"{max(b['peak_mib'] for b in e['builds']['one']):.0f} MiB", "1.00", "1.00", "", ""],
        ["four editions", f"{four:.2f} s", f"{four_cpu:.2f} s",
         f"{max(b['peak_mib'] for b in e['builds']['four']):.0f} MiB", f"{four / one:.2f}", f"{four_cpu / one_cpu:.2f}",
         f"≤ {TARGET_EDITIONS_RATIO} (wall)", met(four / one <= TARGET_EDITIONS_RATIO)]]))
    add("")
    add("Each edition's search index (`search/search_index.json`), as written and gzipped:\n")
    add(table(["Edition", "Index", "gzip"], [[code, kib(i["bytes"]), kib(i["gzip"])] for code, i in e["indexes"].items()]))
    add("")
    fv = e["first_view"]
    add(f"An English page's first view (`/{EDITIONS_PAGE}`, empty cache), without the other editions and with them:\n")
    add(table(["Site", "Bytes", "Requests", "Third-party requests"], [
        [name, kib(fv[key]["bytes"]), fv[key]["requests"], fv[key]["third_party"]]
        for name, key in (("one edition", "one"), ("four editions", "four"))]))
    add("")
    add(f"The difference is the switcher and the `hreflang` links in the page itself "
        f"({fv['four']['bytes'] - fv['one']['bytes']:+,} bytes).\n")
    rows = []
    for code, scores in e["lighthouse"].items():
        s = scores.get("scores") or {}
        rows.append([code, *(s.get(name, "error") for name in LIGHTHOUSE_CATEGORIES), len(e["axe"][code]["violations"]),
                     ", ".join(e["axe"][code]["violations"]) or "none"])
    add(f"Lighthouse and axe-core (every rule) on `/{EDITIONS_PAGE}` of each edition (quick figures, one run):\n")
    add(table(["Edition", *LIGHTHOUSE_CATEGORIES, "axe violations", "which"], rows))
    add("")
    add("Azerbaijani search: no lunr stemmer exists for Azerbaijani. The same Azerbaijani edition built with "
        "Turkish's (a close Turkic language, the same Latin letters but ə) and with no language processing "
        "(Material's English set-up with an empty pipeline); each query typed as a reader would:\n")
    setups = list(e["az_search"])
    add(table(["Query", *[f"{name}: results / expected page in first three" for name in setups]], [
        [query, *[f"{e['az_search'][name][i]['results']} / {'yes' if e['az_search'][name][i]['top3'] else 'no'}"
                  for name in setups]]
        for i, (query, _) in enumerate(AZ_QUERIES)]))
    add("")
    add(table(["Set-up", "Queries with the expected page in the first three", "Queries with any result"], [
        [name, f"{sum(h['top3'] for h in hits)} of {len(hits)}", f"{sum(h['results'] > 0 for h in hits)} of {len(hits)}"]
        for name, hits in e["az_search"].items()]))
    add("")
    return out


# --------------------------------------------------------------------------
# The report.

def kib(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"


def mib(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MiB"


def met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def after_first_use(view: dict[str, Any]) -> str:
    """Bytes and requests after the first scroll, from a run that measured them."""
    if "bytes_after_first_use" not in view:
        return "not measured"
    return f"{kib(view['bytes_after_first_use'])}, {view['requests_after_first_use']} requests"


# Issue 22's targets, 2 cores, four editions, every step.
TARGET_CPU_PER_WALL_10 = 1.4     # 10 meetings, cold: both cores busy
TARGET_EDIT_SHARE_10 = 0.40      # 10 meetings: a one-sentence edit, as a share of the cold build
TARGET_COLD_SECONDS_100 = 240.0  # 100 meetings, cold
TARGET_EDIT_SHARE_100 = 0.25     # 100 meetings: a one-sentence edit, as a share of the cold build


TARGET_FIRST_SEARCH_KIB = 300    # 100 and 1,000 meetings, every edition
TARGET_FURTHER_SEARCH_KIB = 50


def search_rows(meetings: int, found: dict[str, list[dict[str, Any]]]) -> list[list[Any]]:
    """A row per edition: the engine, the first and the further search's bytes, and
    whether they meet issue 22's targets (which are for 100 meetings and more)."""
    rows = []
    for code, answers in found.items():
        first, further = answers[0], answers[1:]
        worst_further = max((a["bytes"] for a in further), default=0)
        ok = "" if meetings < 100 else met(first["bytes"] <= TARGET_FIRST_SEARCH_KIB * 1024
                                           and worst_further <= TARGET_FURTHER_SEARCH_KIB * 1024)
        rows.append([f"{meetings:,}", code, first["engine"], f"{kib(first['bytes'])} ({first['query']})",
                     "; ".join(f"{kib(a['bytes'])} ({a['query']})" for a in further), ok])
    return rows


def search_report(g: dict[str, Any], at_scale: dict[str, Any] | None) -> list[str]:
    """What a reader's first and further searches download, per size and edition."""
    rows = [row for meetings, entry in g["sizes"].items() if entry.get("search")
            for row in search_rows(int(meetings), entry["search"])]
    if at_scale:
        rows += search_rows(at_scale["meetings"], at_scale["search"])
    if not rows:
        return []
    out = ["### What a search downloads\n",
           "A fresh browser on each edition's home page, once the page is in use (network idle), types a query, then "
           "another, as a reader does: the bytes the server sent for each, from the first key to the network going "
           "idle (gzip where the host has a .gz copy, as it serves them). The engine is the one the build chose for "
           "the edition: Pagefind where its first search downloads less than lunr's whole index, otherwise lunr "
           f"(`report_site.pagefind_search`). Targets from 100 meetings up: first search ≤ {TARGET_FIRST_SEARCH_KIB} "
           f"KiB, each further one ≤ {TARGET_FURTHER_SEARCH_KIB} KiB."
           + (f" The {at_scale['meetings']:,}-meeting collection was built for search alone (HTML, the index, "
              f".gz copies) on {at_scale['date']}"
              + (" (its build was paused while other measurements ran, so its time is not given)"
                 if at_scale.get("paused") else f", in {at_scale['build']['seconds']:.0f} s")
              + f" ({at_scale['build']['pages']:,} pages, peak {at_scale['build']['peak_mib']:,.0f} MiB)." if at_scale else "")
           + "\n",
           table(["Meetings", "Edition", "Engine", "First search", "Further searches", "Targets met"], rows), ""]
    return out


def growth_report(g: dict[str, Any]) -> list[str]:
    """Section 2: cold and one-edit builds against the sequential build without reuse, per size."""
    out: list[str] = []
    add = out.append
    add("## 2. Growth: every step, on every core, reusing what is unchanged\n")
    add(f"Measured on {g['date']} (load average at start / end: "
        f"{', '.join(f'{x:.1f}' for x in g['load_start'])} / {', '.join(f'{x:.1f}' for x in g['load_end'])}; "
        f"{g['cores']} cores). Synthetic collections (`report_site.synthetic`, seed 0), four editions, every step "
        "(PDFs, cards, offline zip, purge, manifests, .gz), each build in a fresh process: *sequential* is one "
        "process without any cache (the anchor); *cold* is `scripts/build.py`'s default, every core, with an empty "
        "cache; *edit* is the next build after one sentence was added to the last meeting's English report, with the "
        "cache the cold build left. CPU counts the worker processes' time too; peak memory is the largest process's. "
        "Up to 10 meetings: median of the rounds; larger: one round.\n")
    rows = []
    verdicts = []
    for meetings, entry in g["sizes"].items():
        rounds = entry["rounds"]

        def med(kind: str, key: str, rounds: list[dict[str, Any]] = rounds) -> float | None:
            values = [r_[kind][key] for r_ in rounds if kind in r_]
            return median(values) if values else None

        seq, cold, edit = med("sequential", "seconds"), med("cold", "seconds"), med("edit", "seconds")
        cold_cpu, edit_cpu = med("cold", "cpu"), med("edit", "cpu")
        assert cold is not None and edit is not None and cold_cpu is not None and edit_cpu is not None
        peak = max(r_[kind]["peak_mib"] for r_ in rounds for kind in ("sequential", "cold", "edit") if kind in r_)
        rows.append([f"{int(meetings):,}", f"{entry['pages']:,}", f"{seq:.1f} s" if seq else "not run (time)",
                     f"{cold:.1f} s", f"{cold_cpu / cold:.2f}×", f"{seq / cold:.2f}×" if seq else "",
                     f"{edit:.1f} s", f"{edit / cold:.0%}", f"{edit / seq:.0%}" if seq else "",
                     f"{peak:,.0f} MiB", f"{entry['generation_seconds']:.0f} s", len(rounds)])
        if meetings == "10":
            verdicts.append(["10 meetings: cold build's CPU ÷ wall", f"{cold_cpu / cold:.2f}×",
                             f"≥ {TARGET_CPU_PER_WALL_10}×", met(cold_cpu / cold >= TARGET_CPU_PER_WALL_10)])
            verdicts.append(["10 meetings: one-sentence edit ÷ cold", f"{edit / cold:.0%}",
                             f"≤ {TARGET_EDIT_SHARE_10:.0%}", met(edit / cold <= TARGET_EDIT_SHARE_10)])
        if meetings == "100":
            verdicts.append(["100 meetings: cold build", f"{cold:.0f} s", f"≤ {TARGET_COLD_SECONDS_100:.0f} s",
                             met(cold <= TARGET_COLD_SECONDS_100)])
            verdicts.append(["100 meetings: one-sentence edit ÷ cold", f"{edit / cold:.0%}",
                             f"≤ {TARGET_EDIT_SHARE_100:.0%}", met(edit / cold <= TARGET_EDIT_SHARE_100)])
    add(table(["Meetings", "Pages (4 editions)", "Sequential, no reuse", "Cold", "Cold CPU ÷ wall",
               "Speed-up (sequential ÷ cold)", "Edit", "Edit ÷ cold", "Edit ÷ sequential", "Peak memory",
               "Making the collection", "Rounds"], rows))
    add("")
    for meetings, entry in g["sizes"].items():
        split = entry.get("split")
        if not split:
            continue
        cold = median([r_["cold"]["seconds"] for r_ in entry["rounds"]])
        add(f"**Split across machines** ({int(meetings):,} meetings, cold, no cache): the build as a CI matrix runs "
            "it (README), one job per edition's part (`scripts/build.py --part CODE`: its pages, PDFs, cards and "
            "Pagefind index), then one join (`--join`: the offline edition and zip, the purge, the manifests, the "
            "`.gz` copies), each job a fresh process on every core of this machine. The jobs ran here one after "
            "another; on a matrix of machines like this one the parts run side by side, so the site is ready after "
            "the slowest part and the join. "
            + ("The joined site is byte-identical to the cold build's, every one of its "
               f"{split['files']:,} files." if split["identical"] else
               f"**The joined site differs from the cold build's** in {', '.join(split['differing'])}.") + "\n")
        jobs = [[f"part {code}", f"{job['seconds']:.1f} s", f"{job['cpu']:.1f} s", f"{job['peak_mib']:,.0f} MiB"]
                for code, job in split["parts"].items()]
        jobs.append(["join", f"{split['join']['seconds']:.1f} s", f"{split['join']['cpu']:.1f} s",
                     f"{split['join']['peak_mib']:,.0f} MiB"])
        jobs.append(["**the matrix** (slowest part + join)", f"**{split['matrix_seconds']:.1f} s**",
                     f"{sum(job['cpu'] for job in split['parts'].values()) + split['join']['cpu']:.1f} s (all jobs)", ""])
        add(table(["Job", "Wall", "CPU", "Peak memory"], jobs))
        add("")
        if meetings == "100":
            verdicts.append([f"100 meetings: cold build split over {len(split['parts'])} machines of {g['cores']} cores "
                             f"(slowest part + join; one machine: {cold:.0f} s)", f"{split['matrix_seconds']:.0f} s",
                             f"≤ {TARGET_COLD_SECONDS_100:.0f} s", met(split["matrix_seconds"] <= TARGET_COLD_SECONDS_100
                                                                        and split["identical"])])
    for meetings, entry in g["sizes"].items():
        serve = entry.get("serve")
        if serve:
            verdicts.append([f"{int(meetings):,} meetings: `mkdocs serve --dirty` shows a one-sentence edit "
                             f"(median of {len(serve['edits_s'])}: {', '.join(f'{x:.1f}' for x in serve['edits_s'])} s; "
                             f"first build {serve['first_build_s']:.0f} s)",
                             f"{serve['median_s']:.1f} s", f"≤ {TARGET_SERVE_EDIT_SECONDS:.0f} s", met(serve["met"])])
    if verdicts:
        add(table(["Target (issue 22)", "Measured", "Target", "Met"], verdicts))
        add("")
    last = list(g["sizes"].values())[-1]["rounds"][-1]
    add("What the edit build said it reused (largest collection, last round): "
        + "; ".join(line for line in last["edit"]["notes"] if not line.startswith("  ")) + "\n")
    return out


def report(r: dict[str, Any]) -> str:
    m, v = r["machine"], r["versions"]
    out: list[str] = []
    add = out.append
    add("# Benchmarks\n")
    add("Written by `scripts/bench.py` (see guides/architecture.md, *Benchmarks*); do not edit by hand. "
        "Every figure below comes from one run of the script on the machine described here; "
        "ratios compare figures measured in that same run.\n")
    if r.get("growth", {}).get("alone"):
        add(f"Section 2 was measured on its own (`bench.py --only growth`) on {r['growth']['date']}, on the same "
            f"machine; every other figure comes from the whole run of {r['date']}.\n")
    if r["quick"]:
        add("> **Quick run** (`--quick`): one run of each build, no 1,000-meeting collection; not the figures to publish.\n")
    add("## Machine and versions\n")
    add(table(["", ""], [
        ["Date", r["date"]],
        ["Cores (nproc)", m["cores"]],
        ["CPU", m["cpu"]],
        ["Memory", f"{m['memory_gib']:.1f} GiB"],
        ["Load average at start / end (1, 5, 15 min)",
         " / ".join(", ".join(f"{x:.1f}" for x in load) for load in (m["load_start"], m.get("load_end", m["load_start"])))],
        ["Whole benchmark", f"{r['seconds']:.0f} s"],
        *[[name, version] for name, version in v.items()],
    ]))
    add("\nWall times are what a person waits; CPU times (user + system of the building process) "
        "move less when other work shares the machine, so compare both when the load average above is "
        "higher than the number of cores.\n")

    # 1. Build time.
    b = r["build"]
    add("## 1. Build time on the real pages\n")
    add(f"Each build runs in a fresh Python process (a child of `bench.py`); the time is measured inside it, "
        f"around the build call (imports of MkDocs and our package excluded, everything the build loads itself "
        f"included); *process* adds the interpreter's start and imports. Median of {b['runs']} runs, interleaved.\n")
    rows = []
    labels = {"html": "`publish.build(steps=[])`: HTML only (our hooks: validation, generation, metadata), English",
              "default": "`publish.build(steps=default_steps())`: HTML + PDF + `_headers` + offline zip + .gz, English",
              "editions": "the same with the repository's four editions (English, Russian, Armenian, Azerbaijani: "
                          "four PDFs, one zip carrying all four)",
              "plain": "plain `mkdocs build`: minimal `mkdocs.yml` (Material, defaults, no hooks, not strict), same Markdown"}
    plain_wall = median([x["seconds"] for x in b["builds"]["plain"]])
    plain_cpu = median([x["cpu"] for x in b["builds"]["plain"]])
    for key, label in labels.items():
        runs = b["builds"].get(key)
        if not runs:  # results written before the four-edition row existed
            continue
        wall = median([x["seconds"] for x in runs])
        cpu = median([x["cpu"] for x in runs])
        rows.append([label, runs[0]["pages"], f"{wall:.2f} s", f"{cpu:.2f} s",
                     f"{median([x['process_seconds'] for x in runs]):.2f} s", f"{wall / plain_wall:.2f}×"])
    add(table(["Build", "Pages", "Wall", "CPU", "Process", "× plain MkDocs (wall)"], rows))
    own = b["own_work"]
    own_wall, own_cpu = median(own["seconds"]), median(own["cpu"])
    html_wall = median([x["seconds"] for x in b["builds"]["html"]])
    add("")
    add(table(["Our own work", "Measured", "Target", "Met"], [
        ["`preparation.prepare_site` (load, validate, generate, navigation) on docs/ (median of 5 in one process)",
         f"{own_wall * 1000:.0f} ms wall, {own_cpu * 1000:.0f} ms CPU", "", ""],
        ["… as a share of the plain MkDocs build", f"{own_wall / plain_wall:.1%} (wall), {own_cpu / plain_cpu:.1%} (CPU)",
         f"≤ {TARGET_OVERHEAD:.0%}", met(own_wall / plain_wall <= TARGET_OVERHEAD)],
        ["Whole HTML-only build over plain MkDocs (also the hooks on every page, the 7 generated pages, metadata.json)",
         f"+{html_wall / plain_wall - 1:.0%}", "", ""],
    ]))
    add("\nThe English rows and our own work are measured on a copy of docs/ alone (the translations/ folder beside "
        "the repository's docs/ is what makes the other editions), like for like with plain MkDocs; section 7 compares "
        "one edition with four.")
    add("\nThe plain build renders the 25 authored pages only: without our hooks there are no generated index "
        "pages, no facts rendered from the front-matter and no whole-report page.\n")

    # 2. Growth (issue 22), when measured.
    if r.get("growth"):
        out.extend(growth_report(r["growth"]))
        out.extend(search_report(r["growth"], r.get("search_at_scale")))

    # 2b. Scale, HTML only.
    add("## 2b. Scale, HTML only: synthetic collections of meetings\n")
    add("`report_site.synthetic.make_collection` (seed 0): the real meeting and N − 1 synthetic ones, in all four "
        "editions. A synthetic meeting keeps the real one's pages and front-matter fields, with its ids, title, date "
        "and place varied, and every sentence of its pages drawn, by a seeded random, from that language's sentences "
        "across the whole site and sentences made from their word pairs (60 per meeting); what its pages quote "
        "as the report's words are sentences of its own report, so it "
        "passes the build's checks as a real meeting does. Copies of one report, the generator before this one, "
        "compressed far better than distinct reports; these do not. Each built with `publish.build(steps=[])` "
        "(HTML only, no PDF, zip or .gz) in a fresh process. "
        "Collections of 1 and 10 meetings: median of 3 runs; 100 and 1,000 meetings: **one run each** (they take "
        "minutes). Peak memory is the building process's `ru_maxrss`; output size is the whole site folder; the search "
        "index is Material's `search/search_index.json`, gzip at level 9.\n")
    rows = []
    per_page = {}
    for meetings, entry in r["scale"].items():
        runs = entry["runs"]
        if runs[-1].get("timed_out"):
            rows.append([f"{int(meetings):,}", f"({entry['source_pages']:,} source pages)",
                         f"> {runs[-1]['process_seconds']:.0f} s (stopped)", "", "", "", "", "", "", "", "1"])
            continue
        wall = median([x["seconds"] for x in runs])
        cpu = median([x["cpu"] for x in runs])
        pages = runs[0]["pages"]
        per_page[meetings] = wall / pages
        rows.append([f"{int(meetings):,}", f"{pages:,}", f"{wall:.1f} s", f"{cpu:.1f} s", f"{wall / pages * 1000:.1f} ms",
                     f"{max(x['peak_mib'] for x in runs):,.0f} MiB", mib(entry["output_bytes"]),
                     mib(entry["index_bytes"]), kib(entry["index_gzip"]),
                     f"{entry['index_bytes'] / entry['index_gzip']:.1f}×", len(runs)])
    add(table(["Meetings", "Pages", "Wall", "CPU", "Wall per page", "Peak memory", "Output", "Search index",
               "Index gzip", "Raw ÷ gzip", "Runs"], rows))
    add("\nPages, times and memory are of the whole build, four editions; the search index is the English "
        "edition's. Raw ÷ gzip is the measure that the synthetic meetings are realistic: it stays near the real "
        "one-meeting site's as meetings are added, where copies of one meeting compressed several times better "
        "with every copy. The sentences are drawn from the site's own (a few hundred per language), so a larger "
        "archive repeats them more than real reports would: the gzip sizes here are, if anything, low. The raw size "
        "matters on a phone too: the whole JSON is parsed and indexed in the browser before the first result.")
    add("")
    thousand = r["scale"].get("1000")
    target_rows = []
    if thousand is None:
        target_rows.append(["1,000 meetings in ≤ 60 s on 2 cores", "not run (quick)", "", ""])
    elif thousand["runs"][-1].get("timed_out"):
        target_rows.append(["1,000 meetings in ≤ 60 s on 2 cores",
                            f"not finished after {thousand['runs'][-1]['process_seconds']:.0f} s "
                            "(stopped to keep the benchmark within 10 minutes)",
                            "≤ 60 s", met(False)])
    else:
        run = thousand["runs"][-1]
        target_rows.append(["1,000 meetings, HTML only", f"{run['seconds']:.1f} s", f"≤ {TARGET_SCALE_SECONDS:.0f} s",
                            met(run["seconds"] <= TARGET_SCALE_SECONDS)])
        target_rows.append(["Peak memory at 1,000 meetings", f"{run['peak_mib']:,.0f} MiB", f"< {TARGET_PEAK_MEMORY_MIB:,} MiB",
                            met(run["peak_mib"] < TARGET_PEAK_MEMORY_MIB)])
    if "10" in per_page:
        largest = max(per_page, key=int)
        growth = per_page[largest] / per_page["10"]
        verdict = met(growth <= 1.25) if largest == "1000" or "1000" not in r["scale"] else "not measured at 1,000"
        target_rows.append([f"Time per page, {int(largest):,} meetings ÷ 10 meetings", f"{growth:.2f}×", "flat (≈ 1×; ≤ 1.25× here)",
                            verdict])
    add(table(["What", "Measured", "Target", "Met"], target_rows))
    add("")
    index_sizes = [(m_, e["index_gzip"]) for m_, e in r["scale"].items() if "index_gzip" in e]
    if index_sizes:
        biggest_m, biggest = index_sizes[-1]
        projected = projected_index_gzip(r["scale"])
        raw_1000 = r["scale"][biggest_m]["index_bytes"] * 1000 / int(biggest_m)
        how = "measured" if biggest_m == "1000" else f"projected linearly from {int(biggest_m):,} meetings"
        if projected > PHONE_INDEX_LIMIT:
            add(f"**Material's search index is past what a phone should download at 1,000 meetings** (limit used here: "
                f"1 MiB gzip; {how}): about {kib(projected)} gzip and {mib(raw_1000)} of JSON "
                f"to parse ({kib(biggest)} gzip measured on the {int(biggest_m):,} synthetic meetings). "
                "The site loads it only when a reader first reaches for search "
                "(`lazy-search.js`), so pages that are only read never pay for it; a search still downloads all of it.\n")
        else:
            add(f"Material's search index stays under 1 MiB gzip at 1,000 meetings ({how}).\n")
    pf = r.get("pagefind")
    if pf:
        add(f"### Alternative: Pagefind over the {int(pf['meetings']):,}-meeting site\n")
        if pf["meetings"] != 1000 and "1000" in r["scale"]:
            add("The 1,000-meeting site was not available in the time left, so Pagefind ran over the 100-meeting one; "
                "what one query downloads depends on the number of matches, not on the size of the site, except for "
                "the index chunks of frequent terms, which grow with the pages that contain them.\n")
        if "error" in pf:
            add(f"Pagefind failed: `{pf['error']}`\n")
        else:
            add(f"`python -m pagefind --site site --root-selector article` (Pagefind {r['versions']['Pagefind']}), run once "
                f"after the build: {pf['seconds']:.1f} s, {pf['files']:,} files, {mib(pf['bytes'])} in all. "
                "Bytes one query downloads (a fresh browser, served with the same gzip static server: pagefind.js, its "
                "WebAssembly, the index chunks for the term and the fragments of the first five results):\n")
            rows = [[f"`{q['term']}`", q["results"], q["requests"], kib(q["bytes"]),
                     f"{kib(q['fixed_bytes'])} once (script, WebAssembly, metadata) + {kib(q['term_bytes'])} for the term and its results"]
                    for q in pf.get("queries", [])]
            material = r["scale"][str(pf["meetings"])]
            rows.append(["Material, any query (the whole index, gzip)", "", "1 + worker", kib(material["index_gzip"]),
                         "the whole index, at the first search of a visit"])
            add(table(["Query", "Results", "Requests", "Downloaded", "Of which"], rows))
            add("")
        view = pf.get("home_first_view")
        if view:
            add(f"With Material's search as it is, the first view of the home page of this {int(pf['meetings']):,}-meeting "
                f"site downloads {kib(view['bytes'])} in {view['requests']} requests (largest: "
                + ", ".join(f"`{path}` {kib(size)}" for size, path in view["largest"][:2])
                + "): the search index is not among them, since it loads at the first search; that search then "
                "downloads the whole index, where Pagefind would download only the chunks the query needs.\n")

    # 3. Page weight.
    add("## 3. What readers download (first view, empty cache)\n")
    add("The real site built with the default steps (so the `.gz` copies exist), served on 127.0.0.1 by a small static "
        "server in `bench.py` that answers `X` with `X.gz` and `Content-Encoding: gzip` when the browser accepts gzip "
        "(as nginx's `gzip_static`). The default set-up (section 6) is served the same way, its text files gzipped "
        "beforehand as a host that compresses would. Chromium through Playwright, a fresh context per page; bytes are "
        "response headers + encoded bodies of every finished request until the network is idle; requests counts every "
        "request the page made (failed ones too, e.g. Google Fonts, which cannot load here: there is no internet).\n")
    rows = []
    for name in PAGES:
        ours, anchor = r["weight"]["ours"][name], r["weight"]["default"][name]
        ok = ours["bytes"] <= TARGET_FIRST_VIEW_KIB * 1024 and ours["third_party"] == 0
        at_load = (f"{kib(ours['bytes_at_load'])}, {ours['requests_at_load']} requests" if "bytes_at_load" in ours else "")
        rows.append([name, at_load, kib(ours["bytes"]), ours["requests"], ours["third_party"],
                     kib(anchor["bytes"]), anchor["requests"],
                     f"{anchor['third_party']}" + (f" ({', '.join(anchor['third_party_hosts'])})" if anchor["third_party_hosts"] else ""),
                     f"{anchor['bytes'] / ours['bytes']:.1f}×", met(ok),
                     after_first_use(ours), after_first_use(anchor)])
    add(table(["Page", "Ours: at the load event", "Ours: bytes", "Ours: requests", "Ours: third-party",
               "Default: bytes", "Default: requests",
               "Default: third-party (attempted)", "Default ÷ ours", f"≤ {TARGET_FIRST_VIEW_KIB} KiB, 0 third-party",
               "Ours after the first scroll", "Default after the first scroll"], rows))
    add("\nOur pages fetch Material's bundle and the scripts that run before it (the search shim and ranking, "
        "`load-on-use.js`) only when the reader first scrolls, types, taps or focuses: a page that is only read "
        "never needs them (text, links, drawer, section toggles, palette and tooltips work without them). The last two "
        "columns are the same first view followed by one scroll of the mouse wheel, until the network is idle "
        "again: the whole of what a reader who uses the page downloads, search index aside (it waits for a search "
        "on both set-ups). From the second page on, the browser has the bundle in its cache.")
    add("\n\"Ours: at the load event\" is what our page needed to load. The other columns of ours also count what "
        "comes after it by the time the network is idle: `offline-reading.js`, fetched once the page has loaded, "
        "registers the edition's service worker (`sw.js`), which fetches the edition's `offline-manifest.json` and "
        "keeps the page from the browser's cache (section 3b).")
    add("\nThe default set-up's Google Fonts stylesheet fails here (no internet), so its figures leave out the font "
        "files it would then fetch from fonts.gstatic.com on a connected phone; its bytes are a lower bound.")
    home = r["weight"]["ours"]["home"]
    add("\nLargest responses on our home page (encoded body): "
        + ", ".join(f"`{path}` {kib(size)}" for size, path in home["largest"])
        + f". Chromium's own count of the same first view is {kib(home['browser_bytes'])}: it leaves out the "
        "search worker's script, so the figures above are the server's (headers and bodies it sent).\n")
    if r.get("css_purge"):
        add("Material's stylesheets as the theme ships them and as the site serves them after the build's purge "
            "(`report_site.css_purge`: the rules that match nothing the site can show dropped), gzip at level 9:\n")
        add(table(["Stylesheet", "Shipped", "Purged", "Shipped, gzip", "Purged, gzip", "Saved, gzip"], [
            [f"`{row['original']}` → `{row['purged']}`", kib(row["bytes_before"]), kib(row["bytes_after"]),
             kib(row["gzip_before"]), kib(row["gzip_after"]), kib(row["gzip_before"] - row["gzip_after"])]
            for row in r["css_purge"]]))
        add("")
    sizes = dict((path, size) for size, path in home["largest"])
    bundle = next((size for path, size in sizes.items() if "/bundle." in path), None)
    page_html = sizes.get("/")
    if bundle and page_html and home["bytes"] > TARGET_FIRST_VIEW_KIB * 1024:
        add(f"**The floor with Material's bundle:** on the home page, `bundle.js` is {kib(bundle)} (gzip) and the page "
            f"itself {kib(page_html)}: {kib(bundle + page_html)} before any stylesheet, leaving "
            f"{kib(TARGET_FIRST_VIEW_KIB * 1024 - bundle - page_html)} of the {TARGET_FIRST_VIEW_KIB} KiB for Material's "
            "stylesheets (purged), ours, our scripts, the favicon and every response's headers. A first view under "
            f"{TARGET_FIRST_VIEW_KIB} KiB needs the bundle to load only when a reader first interacts with the page "
            "(the drawer and the palette's first paint work without it), or a smaller script in its place.\n")

    if r.get("offline_reading"):
        add("### 3b. Reading offline after a visit\n")
        add("Each page a reader opens is kept on the device by the edition's service worker, from what the browser "
            "has just downloaded. The whole edition is kept only when the reader asks (\"Keep this edition offline\" "
            "on the home, About and meeting pages); this is what that downloads, per edition, from the manifest the "
            "build writes (gzip -9 as the `.gz` copies; PDFs only if the reader asks for them too), and what the "
            "worker costs once per device:\n")
        add(table(["Edition", "Pages", "Other files", "Keep offline: downloads (gzip)", "Uncompressed",
                   "PDFs, if asked", "Worker (`sw.js`, gzip)", "`offline-reading.js` (gzip)", "Manifest (gzip)"], [
            [row["edition"], row["pages"], row["files"], kib(row["transfer_bytes"]), kib(row["bytes"]),
             kib(row["pdf_bytes"]), kib(row["worker_gzip"]), kib(row["page_script_gzip"]), kib(row["manifest_gzip"])]
            for row in r["offline_reading"]]))
        add("")

    # 4 and 6. Lighthouse.
    add("## 4. Lighthouse, ours against the default set-up (6)\n")
    lh = r["lighthouse"]
    add(f"Lighthouse {r['versions']['Lighthouse']} (`node_modules/.bin/lighthouse`, `CHROME_PATH={CHROMIUM}`, "
        "`--chrome-flags=\"--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run\"`, mobile form factor, "
        "`--throttling-method=simulate`), same servers as above. Each page is measured "
        f"{lh['runs_wanted']} times in each profile, ours and the default interleaved (which goes first alternates "
        "from run to run); the figures are **medians**, and *ours ÷ default* divides our median by the default's "
        "(below 1 is better for the times, above 1 for the score). Lighthouse simulates the throttling: it loads "
        "the page at full speed, then models the network and multiplies the main thread's observed work by the "
        "CPU slowdown, so a busy machine inflates blocking time; *benchmark index* is Lighthouse's own measure of "
        "this machine's speed (median; higher is faster). Profiles:\n")
    add("\n".join(f"- **{name}**: {label}" for name, label in lh["profiles"].items()) + "\n")
    if lh["stopped"]:
        add(f"**Stopped by its time budget** ({lh['budget']:.0f} s) before every run was made: the *runs* column "
            "says how many each median rests on.\n")
    add("Targets: our median performance ≥ the default's, FCP and TBT ≤ the default's, on every page in both "
        "profiles; accessibility, best practices and SEO 100 in every run.\n")

    def med(entries: list[dict[str, Any]], key: str) -> float | None:
        values = [e["metrics"][key] for e in entries if "error" not in e and e["metrics"].get(key) is not None]
        return median(values) if values else None

    def score(entries: list[dict[str, Any]], category: str = "performance") -> float | None:
        values = [e["scores"][category] for e in entries if "error" not in e and e["scores"].get(category) is not None]
        return median(values) if values else None

    def ratio(ours: float | None, default: float | None) -> str:
        if ours is None or default is None:
            return ""
        if default == 0:
            return "= (both 0)" if ours == 0 else "(default 0)"
        return f"{ours / default:.2f}"

    def seconds(ms: float | None) -> str:
        return "" if ms is None else f"{ms / 1000:.2f} s"

    def millis(ms: float | None) -> str:
        return "" if ms is None else f"{ms:.0f} ms"

    costly_lines = []
    errors = []
    for profile, pages in lh["measured"].items():
        add(f"### {profile.capitalize()}\n")
        rows = []
        for page, setups in pages.items():
            ours, default = setups["ours"], setups["default"]
            ok = [e for e in ours if "error" not in e]
            others_100 = bool(ok) and all(e["scores"][c] == 100 for e in ok for c in LIGHTHOUSE_CATEGORIES[1:])
            o_perf, d_perf = score(ours), score(default)
            o = {k: med(ours, k) for k in LIGHTHOUSE_METRICS}
            d = {k: med(default, k) for k in LIGHTHOUSE_METRICS}
            met_all = (o_perf is not None and d_perf is not None and o_perf >= d_perf and others_100
                       and o["fcp"] is not None and d["fcp"] is not None and o["fcp"] <= d["fcp"]
                       and o["tbt"] is not None and d["tbt"] is not None and o["tbt"] <= d["tbt"])
            runs = f"{len(ok)}/{len([e for e in default if 'error' not in e])}"
            if len(ours) < lh["runs_wanted"] or len(default) < lh["runs_wanted"]:
                runs += f" of {lh['runs_wanted']} (budget)"
            index = [e["benchmark_index"] for e in ours + default if "error" not in e and e.get("benchmark_index")]
            rows.append([page, runs,
                         f"{o_perf:.0f} / {d_perf:.0f}" if o_perf is not None and d_perf is not None else "",
                         ratio(o_perf, d_perf),
                         f"{seconds(o['fcp'])} / {seconds(d['fcp'])}", ratio(o["fcp"], d["fcp"]),
                         f"{seconds(o['lcp'])} / {seconds(d['lcp'])}", ratio(o["lcp"], d["lcp"]),
                         f"{millis(o['tbt'])} / {millis(d['tbt'])}", ratio(o["tbt"], d["tbt"]),
                         "yes" if others_100 else "**no**", f"{median(index):.0f}" if index else "", met(met_all)])
            by_score = sorted(ok, key=lambda e: e["scores"]["performance"])
            if by_score and by_score[len(by_score) // 2]["costly"]:
                costly_lines.append(f"- {profile}, {page}: " + "; ".join(by_score[len(by_score) // 2]["costly"]))
            errors += [f"- {profile}, {setup} {page}: {e['error']}" for setup in setups for e in setups[setup] if "error" in e]
        add(table(["Page", "Runs (ours/default)", "Performance, ours / default", "÷", "FCP, ours / default", "÷",
                   "LCP, ours / default", "÷", "TBT, ours / default", "÷", "Accessibility, best practices, SEO 100",
                   "Benchmark index", "Targets met"], rows))
        add("")
    if costly_lines:
        add("Audits that cost our pages points (score below 1, weighted in a category; our run with the median "
            "performance score):\n")
        add("\n".join(costly_lines))
    if errors:
        add("\nLighthouse errors:\n\n" + "\n".join(errors))
    add("")

    # 5. PDF.
    p = r["pdf"]
    wall = median(p["seconds"])
    add("## 5. PDF\n")
    add(f"`report_site.pdf.write_report_pdfs` alone (WeasyPrint, PDF/A-3u) on fresh copies of an HTML-only build of the "
        f"English pages (docs/ alone: one PDF; each other edition adds one of its own), in one "
        f"process: median of {len(p['seconds'])} runs (the first includes importing WeasyPrint and loading fonts: "
        f"{p['seconds'][0]:.2f} s).\n")
    add(table(["PDF", "Time (wall)", "CPU", "Size", "Pages", "Target", "Met"], [
        [f"`{p['path']}`", f"{wall:.2f} s", f"{median(p['cpu']):.2f} s", kib(p["bytes"]), p["pages"],
         f"< {TARGET_PDF_SECONDS:.0f} s", met(wall < TARGET_PDF_SECONDS)]]))
    add("")
    add("## 6. The default theme set-up\n")
    add("The anchor in sections 1, 3 and 4: the same Markdown (docs/ copied to a temporary folder) with a minimal "
        "`mkdocs.yml`: `site_name`, `site_url`, `theme: {name: material}` and nothing else, so Material's defaults "
        "apply (Google Fonts on, the search plugin, no custom CSS, no hooks, not strict):\n")
    add("```yaml\n" + PLAIN_CONFIG.format(docs_dir="<copy of docs/>", site_dir="<temporary>") + "```\n")
    if "editions" in r:
        out.extend(editions_report(r["editions"]))
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run each, no 1,000 meetings: for working on this script")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="where to write the tables")
    parser.add_argument("--json", type=Path, default=None, help="also keep the raw results here")
    parser.add_argument("--from-json", type=Path, default=None, help="only render the tables from kept results")
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS,
                        help="seconds the whole run may take, Lighthouse apart; the 1,000-meeting build is stopped to keep within it")
    parser.add_argument("--lighthouse-runs", type=int, default=None,
                        help=f"Lighthouse runs per page, profile and set-up (default {LIGHTHOUSE_RUNS}; 1 with --quick)")
    parser.add_argument("--lighthouse-budget", type=float, default=LIGHTHOUSE_BUDGET_SECONDS,
                        help="seconds all Lighthouse runs may take; the runs left are skipped and the table says so")
    parser.add_argument("--only", choices=["growth", "search"], default=None,
                        help="measure this section alone; the others are taken from --previous")
    parser.add_argument("--previous", type=Path, default=None,
                        help="with --only: the raw results (--json) of an earlier whole run, for the other sections")
    parser.add_argument("--growth-sizes", default="1,10,100",
                        help="collections (meetings, comma-separated) for the growth section (default 1,10,100)")
    parser.add_argument("--search-meetings", type=int, default=1000,
                        help="with --only search: the collection's size (default 1,000)")
    parser.add_argument("--search-collection", type=Path, default=None,
                        help="with --only search: a docs folder make_collection made of --search-meetings meetings")
    parser.add_argument("--anchor-budget", type=float, default=1800,
                        help="seconds into the growth section after which no more sequential anchors are built")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SPEC"), help=argparse.SUPPRESS)
    parser.add_argument("--search-downloads", type=Path, default=None, metavar="SITE",
                        help="only print what a first and a further search download in each edition of a built site")
    args = parser.parse_args(argv)
    if args.search_downloads:
        print(json.dumps(site_search_downloads(args.search_downloads), ensure_ascii=False, indent=1))
        return 0
    if args.child:
        kind, spec = args.child
        result = CHILDREN[kind](json.loads(spec))
        print(CHILD_RESULT + json.dumps(result), flush=True)
        return 0
    if args.only and not args.previous:
        parser.error("--only needs --previous: the results of a whole run for the other sections")
    sizes = [int(size) for size in args.growth_sizes.split(",")]
    if args.from_json:
        results = json.loads(args.from_json.read_text(encoding="utf-8"))
    elif args.only:
        results = json.loads(args.previous.read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory(prefix="bench-") as work:
            if args.only == "growth":
                results["growth"] = {**growth_measurements(args.quick, Path(work), sizes, args.anchor_budget),
                                     "alone": True}
            else:
                results["search_at_scale"] = search_at_scale(Path(work), args.search_meetings, args.search_collection)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    else:
        with tempfile.TemporaryDirectory(prefix="bench-") as work:
            runs = args.lighthouse_runs or (1 if args.quick else LIGHTHOUSE_RUNS)
            results = bench(args.quick, Path(work), args.budget, runs, args.lighthouse_budget, sizes, args.anchor_budget)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    args.out.write_text(report(results), encoding="utf-8")
    log(f"wrote {args.out} ({results['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
