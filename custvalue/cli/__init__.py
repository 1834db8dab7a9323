"""The ``custvalue`` command line: thin Typer commands over the library."""
