"""Error types; the CLI turns each into one line naming what failed."""

from extract.schemas import Usage


class ExtractError(Exception):
    """Base for every error the toolkit reports to a user.

    ``usage``: what the failed work cost (requests sent), so that budgets count it too.
    """

    usage: Usage | None = None


class ArticleError(ExtractError):
    """An article failed: it cannot be read or used, or its extraction failed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(ExtractError):
    """The model's endpoint answered badly (error status, timeout, unusable output)."""


class CallTimeout(ModelError):
    """A model call ran past its time limit."""


class ServerError(ExtractError):
    """The model's endpoint cannot be reached or the local server cannot start."""


class SetupError(ExtractError):
    """The endpoint refuses every request (a bad key, a wrong URL or model): the run stops."""


class StageTimeout(ExtractError):
    """A stage (the rules' pre-pass, say) ran past its time limit for one article."""


class BudgetExceeded(ExtractError):
    """A ``--max-calls`` or ``--max-tokens`` budget is spent; the run stops taking new articles."""


class NotStarted(ArticleError):
    """An article this run left for the next (its budget was spent); not a failure."""
