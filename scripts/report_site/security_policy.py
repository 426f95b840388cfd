"""What the site allows a browser to load, declared once: the
Content-Security-Policy every page carries in a <meta> tag, and the
`_headers` file that static hosts (Netlify, Cloudflare Pages) turn into
HTTP headers.

Readers have real reasons to fear being tracked, so the policy allows the
site's own origin and nothing else: no fonts, scripts, styles or images
from any other host, nothing embedding the site, and no inline script but
the two that must run before the first paint (Material's storage helpers
and the reader's palette, so there is no flash of the wrong palette), each
allowed by the hash of its exact text: a file to fetch would cost a round
trip before the page could paint.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from markupsafe import Markup

from .problems import BuildFailed
from .site_model import SiteModel

# Directive -> allowed sources. `data:` images are the icons Material's own
# stylesheet carries inline; they are not requests. Frames are the site's
# own: the offline edition runs search in one (see offline_edition.py).
# WebAssembly compiled from the site's own files: the online search's word
# splitter and index reader (Pagefind, pagefind_search.py); no other eval.
POLICY: dict[str, str] = {
    "default-src": "'none'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "frame-src": "'self'",
    "manifest-src": "'self'",
    "media-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
}

# Browsers ignore (and complain about) these in a <meta> tag: HTTP header only.
HEADER_ONLY_POLICY: dict[str, str] = {
    "frame-ancestors": "'none'",
}

# Headers for every path of the site, beside the policy.
STATIC_HEADERS: dict[str, str] = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

HEADERS_FILE = "_headers"

# The scripts inlined into every page (overrides/partials/javascripts/), by
# name: scripts/report_site/inline-scripts/<name>.js.
INLINE_SCRIPTS_DIR = Path(__file__).resolve().parent / "inline-scripts"
INLINE_SCRIPTS = ("storage", "palette")


def inline_script(name: str) -> str:
    """The exact text a page inlines: the file without its opening comment
    (which says why it exists; readers need not download that)."""
    path = INLINE_SCRIPTS_DIR / f"{name}.js"
    text = path.read_text(encoding="utf-8")
    if text.startswith("/*"):
        text = text.split("*/", 1)[1]
    text = text.strip()
    if "</script" in text.lower() or "<!--" in text:
        raise BuildFailed(f"{path}: contains '</script' or '<!--' (expected a script that can be inlined in HTML)")
    return text


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy() -> dict[str, str]:
    """POLICY with the hashes of the inline scripts in script-src."""
    hashes = " ".join(script_hash(inline_script(name)) for name in INLINE_SCRIPTS)
    return {**POLICY, "script-src": f"{POLICY['script-src']} {hashes}"}


def _serialise(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


def meta_policy() -> str:
    """The policy for `<meta http-equiv="Content-Security-Policy">`."""
    return _serialise(policy())


def header_policy() -> str:
    """The policy for the HTTP header, which can also forbid framing."""
    return _serialise({**policy(), **HEADER_ONLY_POLICY})


def static_host_headers() -> str:
    """The `_headers` file: one rule for every path of the site."""
    headers = {"Content-Security-Policy": header_policy(), **STATIC_HEADERS}
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def write_static_host_headers(model: SiteModel, site_dir: Path) -> None:
    """Post-build step: write `_headers` at the root of the site."""
    (site_dir / HEADERS_FILE).write_text(static_host_headers(), encoding="utf-8")


def template_globals() -> dict[str, object]:
    """What the page templates need to repeat the policy in every page, and
    the inline scripts it allows (partials/javascripts/*.html)."""
    return {"content_security_policy": meta_policy(), "referrer_policy": STATIC_HEADERS["Referrer-Policy"],
            "inline_scripts": {name: Markup(inline_script(name)) for name in INLINE_SCRIPTS}}
