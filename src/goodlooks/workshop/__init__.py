"""Workshop mode, with no terminal in it: distributions behind answers (votes and combined
answers are one concept), combining people's answers, subsets of a bank, targets, and
this year against last."""
