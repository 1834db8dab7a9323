"""``python -m custvalue``: the same as the ``custvalue`` command."""

from custvalue.cli import run

if __name__ == "__main__":
    run()
