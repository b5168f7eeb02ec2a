"""Stage 6, training: learn a kind's spans and choices from records (gold, silver, a review file
or a corpus), then score the held-out part by running the model as ``extract run --trained``."""
