"""Stage 4, strategies: ways of getting drafts of the run's kinds, from the model, the rules or
both. Declared once here; the run looks a strategy up by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.grounding.ground import Grounded
from extract.inputs.load import Article
from extract.kinds import pack_of, rules_for
from extract.providers.base import Provider
from extract.schemas import Kind, Usage

_WHOLE = ("whole", "reask")
_PARAGRAPH = ("paragraph", "reask")
_CHECK = ("kind_check",)
StrategyFn = Callable[[Article, tuple[Kind, ...], Provider], tuple[Grounded, Usage]]
# A trained strategy also takes the model folder it runs, as ``trained=``.
TrainedFn = Callable[..., tuple[Grounded, Usage]]


@dataclass(frozen=True)
class Strategy:
    """A strategy: its function, the prompts it uses, and what it needs. (No strategy module
    loads the parser on import: a fully cached run never does.)"""

    name: str
    function: StrategyFn | TrainedFn
    prompts: tuple[str, ...] = ()
    # Rule-based: the packs' prompts and rule code enter its records' keys, and the kinds no
    # rules know are asked with ``unruled_prompts``.
    uses_rules: bool = False
    needs_model: bool = True
    rules_only: bool = False  # cannot produce a kind without rules
    unruled_prompts: tuple[str, ...] = _WHOLE
    # Asked about the items of kinds no pack ships (a user's own): the check against the kind.
    user_prompts: tuple[str, ...] = ()
    # Runs a model folder from ``extract train`` (``--trained``), passed as ``trained=``.
    trained: bool = False

    def prompts_for(self, kinds: tuple[Kind, ...]) -> tuple[str, ...]:
        """Every prompt a run of ``kinds`` can use: its version enters records and cache keys."""
        if not self.needs_model:
            return ()
        user = self.user_prompts if any(pack_of(k) is None for k in kinds) else ()
        if not self.uses_rules:
            return tuple(dict.fromkeys([*self.prompts, *user]))
        packs = dict.fromkeys(pack_of(k) for k in kinds if rules_for(k) is not None)
        own = [p for pack in packs if pack is not None for p in pack.prompts]
        unruled = self.unruled_prompts if any(rules_for(k) is None for k in kinds) else ()
        return tuple(dict.fromkeys([*own, *self.prompts, *unruled, *user]))


# The strategy modules import this package's names only through their own modules: no cycle.
from extract.strategies import combined, hybrid, paragraph, trained, whole  # noqa: E402

STRATEGIES: dict[str, Strategy] = {
    s.name: s
    for s in (
        Strategy("whole", whole.run_whole, _WHOLE),
        Strategy("hybrid", hybrid.run_hybrid, uses_rules=True),
        Strategy("hybrid-all", hybrid.run_hybrid_all, uses_rules=True),
        Strategy("hybrid+stances", hybrid.run_hybrid_stances, uses_rules=True),
        Strategy("rules", hybrid.run_rules, uses_rules=True, needs_model=False, rules_only=True),
        Strategy("hybrid+whole", combined.run_combined, _WHOLE, uses_rules=True),
        Strategy("paragraph", paragraph.run_paragraph, _PARAGRAPH, user_prompts=_CHECK),
        # The default for the embedded model: kinds without rules are sieved, asked a paragraph
        # at a time (once: never the whole article as well) and their items checked.
        Strategy(
            "hybrid+paragraph",
            combined.run_rules_paragraph,
            _PARAGRAPH,
            uses_rules=True,
            unruled_prompts=_PARAGRAPH,
            user_prompts=_CHECK,
        ),
        Strategy("trained", trained.run_trained, uses_rules=True, needs_model=False, trained=True),
        Strategy("trained+model", trained.run_trained_model, ("fill",), uses_rules=True, trained=True),
        # The trained items, then the rules' items where the tagger found nothing (no model).
        Strategy(
            "rules+trained", trained.run_rules_trained, uses_rules=True, needs_model=False, trained=True
        ),
    )
}
