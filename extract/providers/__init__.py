"""Stage 3, model providers: one small interface (OpenAI-compatible, embedded, none) with the
answer cache and the budget as wrappers around it."""
