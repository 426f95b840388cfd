"""The post-build steps `scripts/build.py` runs, in order, on the freshly
built site before it is published. Each takes (model, site_dir)."""

from __future__ import annotations

from .publish import PostBuildStep


def default_steps() -> list[PostBuildStep]:
    return []
