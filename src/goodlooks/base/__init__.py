"""Helpers every layer of goodlooks may use: errors and exit codes, safe file writing, file kinds,
safe text for terminals and JSON, number and plural formatting, and YAML read with locations."""
