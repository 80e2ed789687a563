"""Baseline for `goodlooks combine`: a plain loop of json.load over the same files."""

import json
import sys

for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as stream:
        json.load(stream)
