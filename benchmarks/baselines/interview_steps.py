"""Baseline for an interview step: bare questionary asking each question, how the answer is known
and a note, saving the answers after each answer the way any careful tool must (temporary file,
fsync, rename)."""

import json
import os
import sys
import tempfile

import questionary


def save(path: str, answers: dict) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(answers, stream, indent=2)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def main(bank: str, output: str) -> None:
    with open(bank, encoding="utf-8") as stream:
        data = json.load(stream)
    answers: dict = {}
    for dimension in data["dimensions"]:
        for question in dimension["questions"]:
            choices = [questionary.Choice(o["label"], value=o["key"]) for o in question["options"]]
            choices += [questionary.Separator(), questionary.Choice("Not applicable", value="not_applicable"),
                        questionary.Choice("Don't know", value="dont_know")]
            answers[question["id"]] = {"option": questionary.select(
                question["text"], choices=choices, use_shortcuts=True).unsafe_ask()}
            save(output, answers)
            answers[question["id"]]["evidence"] = questionary.select(
                "How do you know? (Enter to skip)", choices=["Say nothing", "Seen", "Told", "Believed"],
                default="Say nothing", use_shortcuts=True).unsafe_ask()
            answers[question["id"]]["note"] = questionary.text(
                "Note: why this answer? (Enter to skip)").unsafe_ask()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
