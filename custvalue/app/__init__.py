"""The application layer: what a command and a page do, once, for every front.

One module per noun; every function is keyword-only, takes an open store (or opens
none), checks its options, runs the analysis and returns a frozen result with
``to_dict()`` (JSON-ready: dates as text, NaN as null) and the frames a front renders.
The fronts (``custvalue.cli``, the web workbench) parse, call one function and render;
they hold no SQL and no formula (docs/web.md §1, docs/architecture.md).

- :mod:`custvalue.app.imports` — importing a file, the import history
- :mod:`custvalue.app.values` — customer values, one customer, years nested
- :mod:`custvalue.app.segments` — RFM, tiers, 80/20, classes
- :mod:`custvalue.app.report` — the headline report
- :mod:`custvalue.app.demo` — the demo company: reset, load, headline
- :mod:`custvalue.app.clv` — fit, score (fit, per-unit discount, CLV, save, rank), validate
- :mod:`custvalue.app.survey` — survey scoping by wave and segment, the what/who join
- :mod:`custvalue.app.delivered` — delivered value from a file or the store

Heavy libraries (SciPy, the models, the choice package) are imported inside the
functions that use them, so that importing a module here stays cheap.
"""
