"""Matching: fingerprints, pairwise comparison, and grouping articles into copy groups."""
