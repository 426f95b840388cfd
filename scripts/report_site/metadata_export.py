"""site/metadata.json and the JSON Schema that validates it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import generation, schema
from .site_model import PageRecord, SiteModel

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


def metadata_document(model: SiteModel) -> dict:
    pages = sorted(model.pages, key=lambda p: p.url)
    return {"pages": [_exported(model, page) for page in pages]}


def _exported(model: SiteModel, page: PageRecord) -> dict[str, Any]:
    meta = model.resolved_meta(page)
    if page.kind == "report":
        meta["citation"] = citation_of(model, page)
    return meta


def citation_of(model: SiteModel, report: PageRecord) -> dict[str, str]:
    # A fresh module each time: a cached one would keep the site_url of an earlier build.
    macros = generation.template_environment().get_template("citation.md").make_module()
    meeting = model.by_id[report.meta["meeting"]]
    return {"text": str(macros.text(meeting, report)).strip(), "bibtex": str(macros.bibtex(meeting, report)).strip()}


def metadata_json_schema() -> dict:
    document = schema.metadata_schema()
    for variant in document["properties"]["pages"]["items"]["oneOf"]:
        if variant["properties"]["kind"] == {"const": "report"}:
            variant["properties"]["citation"] = CITATION_SCHEMA
            variant["required"].append("citation")
    return document


def write_metadata(model: SiteModel, site_dir: Path) -> None:
    for name, document in ((METADATA_FILE, metadata_document(model)),
                           (METADATA_SCHEMA_FILE, metadata_json_schema())):
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (site_dir / name).write_text(text, encoding="utf-8")
