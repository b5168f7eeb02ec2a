"""Stage 2, rules: the spaCy pre-pass, the news pack's candidate generator (no model)."""
