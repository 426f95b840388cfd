#!/usr/bin/env python3
"""Write the skeleton of a new page where the site expects it, as a draft
that builds at once (guides/authoring.md, "Adding a meeting"):

    python scripts/new.py meeting ID                    docs/meetings/ID/index.md and report.md
    python scripts/new.py group ID --meeting MEETING    docs/meetings/MEETING/groups/ID.md
    python scripts/new.py message ID --meeting MEETING  docs/meetings/MEETING/messages/ID.md
    python scripts/new.py organisation ID               docs/organisations/ID.md
    python scripts/new.py term ID                       docs/glossary/ID.md

Replace the placeholders, then delete the `draft: true` line to publish:
the build refuses a published page that still holds a placeholder
(overrides/scaffold/placeholders.yaml lists them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_site.publish import ROOT  # noqa: E402
from report_site.scaffold import KINDS, ScaffoldRefused, scaffold  # noqa: E402


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """A usage mistake exits 1, like every refusal (argparse's own is 2)."""
        self.print_usage(sys.stderr)
        print(f"new.py: {message} (expected: new.py {{{','.join(KINDS)}}} ID [--meeting MEETING])", file=sys.stderr)
        sys.exit(1)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="new.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", help=f"what to add: {', '.join(KINDS)}")
    parser.add_argument("id", help="the new page's id: lowercase words joined by hyphens, e.g. brussels-2011")
    parser.add_argument("--meeting", help="for a group or a message: the id of its meeting")
    parser.add_argument("--docs-dir", type=Path, default=ROOT / "docs", help="the pages' folder (default: docs/)")
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.kind, args.id, args.docs_dir, meeting=args.meeting)
    except ScaffoldRefused as refusal:
        print(refusal, file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path} (a draft: replace its placeholders, then delete its `draft: true` line; "
              "the build refuses to publish a page that still holds one).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
