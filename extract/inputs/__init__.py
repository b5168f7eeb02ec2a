"""Stage 1, inputs: files, folders, globs and JSONL become Articles (or one-line errors)."""
