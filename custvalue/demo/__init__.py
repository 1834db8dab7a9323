"""The demo data: every generator of the bundled examples and of ``custvalue demo``.

- :mod:`custvalue.demo.company` — the demo company's customers, orders and costs;
- :mod:`custvalue.demo.survey` — its customer value survey against three rivals;
- :mod:`custvalue.demo.offerings` — the delivered value of the same four offerings;
- :mod:`custvalue.demo.choice` — the simulated TV shop choice survey;
- :mod:`custvalue.demo.registry` — the one table of them (name, files, loader kind) and
  :func:`~custvalue.demo.registry.regenerate` (``python -m custvalue.demo regenerate``);
- :mod:`custvalue.demo.loading` — ``custvalue demo``'s load, through the importer.

The demo sits beside the application fronts (docs/architecture.md): it may use the data
layer and the analysis packages; no analysis package imports it. The company's names are
re-exported here (``from custvalue.demo import generate_demo``).
"""

from __future__ import annotations

from custvalue.demo.company import (
    CATEGORIES,
    DemoLedger,
    demo_period,
    generate_demo,
    write_demo_files,
)

__all__ = ["CATEGORIES", "DemoLedger", "demo_period", "generate_demo", "write_demo_files"]
