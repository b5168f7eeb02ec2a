"""Prompts: versioned templates, and the parts of a prompt built from a kind's schema."""
