"""Reports for the board and for analysts: Markdown, self-contained HTML and CSV, one interface."""
