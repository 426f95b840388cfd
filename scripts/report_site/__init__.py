"""Load, validate and publish the meeting-report site.

Two layers, with dependencies running one way (tests/test_architecture.py
checks both rules):

- Engine-free modules, plain Python that never imports MkDocs: the
  front-matter and its schema, the site model and its checks, the Markdown
  link grammar, the generated pages and navigation, page rendering, the
  whole report and its PDF, downloads, safety, search ranking, export.
  `preparation.prepare_site` is their single entry before rendering.
- Engine-facing modules, which drive MkDocs (or ProperDocs) and call into
  the layer above: `mkdocs_plugin` (the `report-site` plugin), `publish`
  (a whole build and its atomic publish), `offline_edition` (a second
  build) and `steps` (the post-build steps). `scripts/build.py` runs them.
"""
