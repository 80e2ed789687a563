"""What a packager reads: the licence, the metadata, one version, and a README that shows on the
package index without broken pictures."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

import goodlooks
from conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_licence_is_mit_and_ships():
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]


def test_the_version_is_written_once():
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "src/goodlooks/__init__.py"
    assert importlib.metadata.version("goodlooks") == goodlooks.__version__


def test_the_metadata_has_classifiers_and_keywords():
    metadata = importlib.metadata.metadata("goodlooks")
    classifiers = metadata.get_all("Classifier") or []
    assert "Environment :: Console" in classifiers and "Typing :: Typed" in classifiers
    assert f"Programming Language :: Python :: {PYPROJECT['project']['requires-python'][2:]}" in classifiers
    assert metadata["License-Expression"] == "MIT"


def test_the_package_index_readme_has_no_relative_pictures():
    """The index shows README.md with every picture that is a file of the repository left out
    (their relative links would be broken there), as the readme hook's substitutions make it."""
    hook = PYPROJECT["tool"]["hatch"]["metadata"]["hooks"]["fancy-pypi-readme"]
    text = "".join((REPO / fragment["path"]).read_text(encoding="utf-8") for fragment in hook["fragments"])
    assert re.search(r"!\[[^\]]*\]\((?!https?://)", text)  # the repository's README has pictures
    for substitution in hook["substitutions"]:
        text = re.sub(substitution["pattern"], substitution["replacement"], text)
    assert not re.search(r"!\[[^\]]*\]\((?!https?://)", text)
    assert "## Commands" in text and "pip install . && goodlooks assess" in text


def test_the_installed_description_is_that_readme():
    description = importlib.metadata.metadata("goodlooks")["Description"] or \
        importlib.metadata.metadata("goodlooks").get_payload()
    assert "## Commands" in description and "docs/form.png" not in description
