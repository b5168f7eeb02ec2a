"""The parts of a prompt that come from the kinds: what each is, and its worked examples.

Both go into the system message, before the article, so the fixed part of every prompt for a run
is one shared prefix (a server's prompt cache reuses it across articles).
"""

from __future__ import annotations

import json

from extract.schemas import Kind


def describe_kinds(kinds: tuple[Kind, ...]) -> str:
    """One line per kind: its name and its instructions (the model's docstring).

    Which fields are verbatim is left to their descriptions in the JSON schema: naming them here
    as well sent SmolLM2 into repeating one item until the reply limit (measured on the seeds)."""
    return "\n".join(f"- {kind.name}: {kind.instructions}" for kind in kinds)


def worked_examples(kinds: tuple[Kind, ...]) -> str:
    """The kinds' examples as text → answer pairs, one per distinct text (kinds that share an
    example text are answered together); empty when no kind has any."""
    answers: dict[str, dict[str, list[dict[str, object]]]] = {}
    for kind in kinds:
        for example in kind.examples:
            answers.setdefault(example.text, {k.name: [] for k in kinds})[kind.name] += example.items
    parts = [f"Text: {text}\nAnswer: {json.dumps(a, ensure_ascii=False)}" for text, a in answers.items()]
    return "\n\nWorked examples:\n" + "\n\n".join(parts) if parts else ""
