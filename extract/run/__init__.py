"""Stage 6, run: one frozen config, one article's extraction, and the batch driver (workers,
resume, ledger, budgets) shared by the CLI, the Python API and Ray."""
