"""Scoring: the only place that knows the formulas (scores, scores by tag, targets and gaps,
recommendations)."""
