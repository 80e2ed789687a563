"""Baseline for `goodlooks --help`: a bare Typer app with two commands."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(name)


@app.command()
def other() -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
