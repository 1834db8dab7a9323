"""``python -m custvalue.demo regenerate [ROOT]`` rewrites the bundled examples.

``ROOT`` defaults to the package's own ``custvalue/examples``; each bundled example is
written into ``ROOT/<folder>`` and every path written is printed. ``python -m
custvalue.demo list`` prints the registry: name, files (loader kind) and folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from custvalue.demo.registry import EXAMPLES, regenerate
from custvalue.i18n import t

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code (2 for a usage error)."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["regenerate"] and len(args) <= 2:
        try:
            written = regenerate(Path(args[1]) if len(args) == 2 else None)
        except OSError as error:
            target = error.filename or (args[1] if len(args) == 2 else "custvalue/examples")
            sys.stderr.write(t("demo.cannot_write", path=target, reason=error.strerror) + "\n")
            return 1
        for path in written:
            sys.stdout.write(f"{path}\n")
        return 0
    if args == ["list"]:
        for example in EXAMPLES.values():
            folder = f"custvalue/examples/{example.folder}" if example.folder else "—"
            files = ", ".join(f"{name} ({kind})" for name, kind in example.files.items())
            sys.stdout.write(f"{example.name}\t{folder}\t{files}\n")
        return 0
    sys.stderr.write(t("demo.usage", given=" ".join(args) or "—") + "\n")
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
