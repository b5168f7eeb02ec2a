"""Error types; the CLI turns each into one line naming what failed."""


class ExtractError(Exception):
    """Base for every error the toolkit reports to a user."""


class ArticleError(ExtractError):
    """An article failed: it cannot be read or used, or its extraction failed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(ExtractError):
    """The model's endpoint answered badly (error status, timeout, unusable output)."""


class ServerError(ExtractError):
    """The model's endpoint cannot be reached or the local server cannot start."""


class BudgetExceeded(ExtractError):
    """A ``--max-calls`` or ``--max-tokens`` budget is spent; the run stops taking new articles."""


class NotStarted(ArticleError):
    """An article this run left for the next (its budget was spent); not a failure."""
