"""Stage 5, grounding: tie what the model or the rules report to character offsets in the text."""
