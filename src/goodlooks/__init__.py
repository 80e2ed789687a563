"""goodlooks: a command-line maturity self-assessment.

The library core (bank loading, scoring, results, rendering) has no terminal in it;
`goodlooks.cli` is a thin Typer layer over it.
"""

__version__ = "0.1.0"
