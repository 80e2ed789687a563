"""Baseline for the first question: a bare Typer command that loads the questions from JSON and
asks the first one with questionary (the same choices goodlooks offers)."""

import json

import questionary
import typer

app = typer.Typer(add_completion=False)


@app.command()
def ask(bank: str) -> None:
    """Ask the first question of BANK (JSON)."""
    with open(bank, encoding="utf-8") as stream:
        data = json.load(stream)
    question = data["dimensions"][0]["questions"][0]
    choices = [questionary.Choice(o["label"], value=o["key"]) for o in question["options"]]
    choices += [questionary.Separator(), questionary.Choice("Not applicable", value="not_applicable"),
                questionary.Choice("Don't know", value="dont_know")]
    questionary.select(question["text"], choices=choices, use_shortcuts=True).unsafe_ask()


@app.command()
def other() -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
