"""Load, validate and publish the meeting-report site.

Plain Python with no dependency on MkDocs: `mkdocs_hooks.py` adapts it to
MkDocs, `scripts/build.py` drives a whole build.
"""
