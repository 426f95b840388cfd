"""site/metadata.json and the JSON Schema that validates it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import page_rendering, schema
from .site_model import PageRecord, SiteModel
from .strings import strings

METADATA_FILE = "metadata.json"
METADATA_SCHEMA_FILE = "metadata.schema.json"

# How to cite a report: the very text and BibTeX its page shows, rendered
# from the one declaration of the citation (overrides/generated/citation.md).
CITATION_SCHEMA = {
    "type": "object",
    "description": "How to cite the report, exactly as its page gives it.",
    "required": ["text", "bibtex"],
    "additionalProperties": False,
    "properties": {"text": {"type": "string"}, "bibtex": {"type": "string"}},
}


def metadata_document(model: SiteModel, site_url: str = "") -> dict:
    pages = sorted(model.pages, key=lambda p: p.url)
    return {"pages": [_exported(model, page, site_url) for page in pages]}


def _exported(model: SiteModel, page: PageRecord, site_url: str) -> dict[str, Any]:
    meta = model.resolved_meta(page)
    if page.kind == "report":
        meta["citation"] = citation_of(model, page, site_url)
    return meta


def citation_of(model: SiteModel, report: PageRecord, site_url: str = "") -> dict[str, str]:
    """`site_url`: the build's public address, which the citation names this edition by."""
    template = page_rendering.template_environment().get_template("citation.md")
    macros = template.make_module(vars={"site_url": site_url, "t": strings(model.language), "language": model.language})
    meeting = model.by_id[report.meta["meeting"]]
    text, bibtex = getattr(macros, "text"), getattr(macros, "bibtex")  # noqa: B009 (the template's macros, unknown to mypy)
    return {"text": str(text(meeting, report)).strip(), "bibtex": str(bibtex(meeting, report)).strip()}


def metadata_json_schema() -> dict:
    document = schema.metadata_schema()
    for variant in document["properties"]["pages"]["items"]["oneOf"]:
        if variant["properties"]["kind"] == {"const": "report"}:
            variant["properties"]["citation"] = CITATION_SCHEMA
            variant["required"].append("citation")
    return document


def write_metadata(model: SiteModel, site_dir: Path, site_url: str = "") -> None:
    for name, document in ((METADATA_FILE, metadata_document(model, site_url)),
                           (METADATA_SCHEMA_FILE, metadata_json_schema())):
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (site_dir / name).write_text(text, encoding="utf-8")
