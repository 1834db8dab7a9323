"""Every demo generator in one table: its name, the files it writes and how they are read.

:data:`EXAMPLES` maps a name to an :class:`Example`. An example with a ``folder`` is
bundled in ``custvalue/examples/<folder>``; :func:`regenerate` rewrites those files from
their generators (``python -m custvalue.demo regenerate``), and tests/demo/test_registry.py
checks that the bundled bytes are exactly what the generators write, so they cannot drift.
The company is not bundled: ``custvalue demo`` generates it from ``--seed`` and
``--customers`` (``--export DIR`` writes its files).

The generator modules are imported only when an example is written (the choice survey
needs the choice package), so reading the registry costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "EXAMPLES",
    "IMPORTED",
    "READ_BY_COMMAND",
    "Example",
    "bundled_folder",
    "examples_root",
    "imported_files",
    "regenerate",
]

#: how a file is read when it is an import kind: ``custvalue import KIND FILE`` (the kind
#: names the importer's table spec); ``custvalue demo`` loads these frames through it
IMPORTED = frozenset(
    {
        "customers",
        "orders",
        "costs",
        "ratings",
        "weights",
        "market",
        "deals",
        "events",
        "owners",
        "offerings",
    }
)
#: loader kinds read by a command straight from the file, not stored
READ_BY_COMMAND = MappingProxyType(
    {
        "choices": "custvalue choice fit FILE",
        "scenario": "custvalue choice predict --model MODEL FILE",
    }
)


@dataclass(frozen=True)
class Example:
    """One demo generator: the files it writes and the loader kind of each."""

    name: str
    #: what it is, in a few words
    summary: str
    #: the module that generates it
    module: str
    #: file name -> loader kind (an :data:`IMPORTED` kind or a :data:`READ_BY_COMMAND` kind)
    files: Mapping[str, str]
    #: writes the files into a folder and returns their paths
    write: Callable[[Path], list[Path]]
    #: folder under ``custvalue/examples`` that holds the bundled files; None: not bundled
    folder: str | None


def _write_company(folder: Path) -> list[Path]:
    from custvalue.demo.company import generate_demo, write_demo_files

    folder.mkdir(parents=True, exist_ok=True)
    return list(write_demo_files(folder, generate_demo()).values())


def _write_survey(folder: Path) -> list[Path]:
    from custvalue.demo.survey import generate_demo_survey, write_demo_survey

    return write_demo_survey(folder, generate_demo_survey())


def _write_offerings(folder: Path) -> list[Path]:
    from custvalue.demo.offerings import generate_demo_offerings, write_demo_offerings

    return write_demo_offerings(folder, generate_demo_offerings())


def _write_choice(folder: Path) -> list[Path]:
    from custvalue.demo.choice import main

    folder.mkdir(parents=True, exist_ok=True)
    main(folder)
    return [folder / name for name in EXAMPLES["choice"].files]


EXAMPLES: Mapping[str, Example] = MappingProxyType(
    {
        example.name: example
        for example in (
            Example(
                name="company",
                summary="customers, orders and costs of the demo company (seed 20240101)",
                module="custvalue.demo.company",
                files={"customers.csv": "customers", "orders.csv": "orders", "costs.csv": "costs"},
                write=_write_company,
                folder=None,
            ),
            Example(
                name="survey",
                summary="customer value survey of 汇达办公 and three rivals (seed 20260601)",
                module="custvalue.demo.survey",
                files={
                    "ratings_gbk.csv": "ratings",
                    "weights.csv": "weights",
                    "market.csv": "market",
                    "deals.csv": "deals",
                    "events.csv": "events",
                    "owners.csv": "owners",
                },
                write=_write_survey,
                folder="survey",
            ),
            Example(
                name="offerings",
                summary="delivered value of the same four offerings in two segments",
                module="custvalue.demo.offerings",
                files={"offerings.csv": "offerings"},
                write=_write_offerings,
                folder="survey",
            ),
            Example(
                name="choice",
                summary="simulated TV shop choice survey and its scenarios (seed 20240601)",
                module="custvalue.demo.choice",
                files={
                    "tv_survey.csv": "choices",
                    "tv_shop.csv": "scenario",
                    "tv_stores.csv": "scenario",
                    "tv_chains.csv": "scenario",
                },
                write=_write_choice,
                folder="choice",
            ),
        )
    }
)


def examples_root() -> Path:
    """``custvalue/examples``: the folder of the bundled examples."""
    return Path(str(files("custvalue") / "examples"))


def bundled_folder(folder: str) -> Path:
    """``custvalue/examples/<folder>``, e.g. ``bundled_folder("survey")``."""
    return examples_root() / folder


def imported_files(folder: str) -> dict[str, str]:
    """Import kind -> file name of the bundled files in ``folder`` that are imported."""
    return {
        kind: name
        for example in EXAMPLES.values()
        if example.folder == folder
        for name, kind in example.files.items()
        if kind in IMPORTED
    }


def regenerate(root: Path | None = None) -> list[Path]:
    """Write every bundled example into ``root/<folder>`` (default: the bundled folder).

    Returns the paths written, in registry order.
    """
    base = examples_root() if root is None else Path(root)
    written: list[Path] = []
    for example in EXAMPLES.values():
        if example.folder is not None:
            written.extend(example.write(base / example.folder))
    return written
