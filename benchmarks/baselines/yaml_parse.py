"""Baseline for `goodlooks validate`: PyYAML's C loader parsing the same file."""

import sys

import yaml

with open(sys.argv[1], "rb") as stream:
    yaml.load(stream, Loader=yaml.CSafeLoader)
