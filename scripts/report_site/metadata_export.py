"""site/metadata.json and the JSON Schema that validates it."""

from __future__ import annotations

import json
from pathlib import Path

from . import schema
from .site_model import SiteModel

METADATA_FILE = "metadata.json"
METADATA_SCHEMA_FILE = "metadata.schema.json"


def metadata_document(model: SiteModel) -> dict:
    pages = sorted(model.pages, key=lambda p: p.url)
    return {"pages": [model.resolved_meta(page) for page in pages]}


def write_metadata(model: SiteModel, site_dir: Path) -> None:
    for name, document in ((METADATA_FILE, metadata_document(model)),
                           (METADATA_SCHEMA_FILE, schema.metadata_schema())):
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (site_dir / name).write_text(text, encoding="utf-8")
