"""MkDocs hooks (the `hooks:` key of mkdocs.yml): thin adapters only.

Everything they do lives in the importable package report_site.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_site.mkdocs_adapter import (  # noqa: E402
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_startup,
)

__all__ = ["on_startup", "on_config", "on_env", "on_files", "on_nav", "on_page_markdown", "on_page_content", "on_page_context", "on_post_build"]
