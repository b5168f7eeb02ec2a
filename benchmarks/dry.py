"""What a run would cost the embedded model, counted without running it (``user_kinds.py --dry``).

The calls are answered as by a model that finds exactly the gold items of the passage it is asked
about and says yes to every check, so the path makes the calls it would make on a perfect answer.
Each call's request is rendered as llama.cpp's server renders it (the model's own chat template,
the tool schema in the system turn) and tokenized with the model's own tokenizer, read vocab-only
from its GGUF file: no weights, no server. Without llama.cpp or the model's packages, tokens are
estimated at :data:`CHARS_PER_TOKEN` characters each.

The server keeps one slot: a call evaluates only what follows the longest prefix its prompt
shares with the previous call's prompt and reply. Seconds are estimated from the evaluated and
generated tokens at the rates the embedded Qwen2.5-1.5B reached on these 2 cores in the server's
own log of a `user_kinds.py --approaches default` run: about 60 prompt tokens a second (63
there), and 10 reply tokens a second under a grammar (1,290 tokens in 125 s; unconstrained it
writes 17-19).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from extract.grounding.ground import span_of
from extract.inputs.load import Article
from extract.providers.base import Message, T, Tools, json_schema
from extract.providers.models import LOCAL_MODELS
from extract.providers.openai_compat import tools_listed
from extract.schemas import ArticleRecord, Kind, Usage

PROMPT_TOKENS_PER_S = 60.0
REPLY_TOKENS_PER_S = 10.0
# Qwen2.5's tokenizer on these prompts (English news, JSON schemas): about 3.9 characters a token.
CHARS_PER_TOKEN = 4
# The markers the prompts put around the text asked about (paragraph, whole).
PASSAGE_MARKS = ("Passage:\n<<<\n", "Article:\n<<<\n")


@dataclass(frozen=True)
class Tokens:
    """Renders a request as the server would and splits it into tokens (ids, or text pieces for
    the estimate: only their number and the shared prefix are read)."""

    render: Callable[[list[Message], list[dict[str, Any]]], str]
    split: Callable[[str], list[Any]]
    exact: bool


def tokens_of(local_model: str) -> Tokens:
    """The embedded model's chat template and tokenizer, else the estimate."""
    try:
        import llama_cpp
        from llama_cpp._internals import LlamaModel
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        params = llama_cpp.llama_model_default_params()
        params.vocab_only = True
        model = LlamaModel(path_model=str(LOCAL_MODELS[local_model].path()), params=params, verbose=False)
    except Exception:  # any missing piece (package, model, llama.cpp) means the estimate
        return Tokens(_plain, _pieces, False)
    template = model.metadata()["tokenizer.chat_template"]
    chat = Jinja2ChatFormatter(
        template, model.token_get_text(model.token_eos()), model.token_get_text(model.token_bos())
    )

    def render(messages: list[Message], tools: list[dict[str, Any]]) -> str:
        return str(chat(messages=messages, tools=tools).prompt)

    # As the server tokenizes a chat prompt: the template adds the special tokens itself.
    return Tokens(render, lambda text: list(model.tokenize(text.encode(), False, True)), True)


def _pieces(text: str) -> list[str]:
    return [text[i : i + CHARS_PER_TOKEN] for i in range(0, len(text), CHARS_PER_TOKEN)]


def _plain(messages: list[Message], tools: list[dict[str, Any]]) -> str:
    """A chat prompt without the template: the system turn, the tools, the rest."""
    head, *rest = messages
    return "\n".join([head["content"], json.dumps(tools, ensure_ascii=False), *(m["content"] for m in rest)])


@dataclass(frozen=True)
class Call:
    """One call's tokens: the prompt, what the server evaluates of it, the answer, the limit."""

    prompt: int
    evaluated: int
    reply: int
    limit: int

    @property
    def seconds(self) -> float:
        return self.evaluated / PROMPT_TOKENS_PER_S + self.reply / REPLY_TOKENS_PER_S


@dataclass
class Counted:
    """A provider that answers from the gold and counts each call's tokens (see the module)."""

    tokens: Tokens
    kind: Kind
    default_limit: int = 2048
    article: Article | None = None
    gold: ArticleRecord | None = None
    calls: list[Call] = field(default_factory=list)
    _previous: list[Any] = field(default_factory=list)

    @property
    def model(self) -> str:
        return "dry"

    def identity(self) -> dict[str, Any]:
        return {"dry": True}

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
    ) -> tuple[T, Usage]:
        answer = self.answer(messages, response_model)
        prompt = self.tokens.split(self.tokens.render(messages, tools_listed(response_model, tools)))
        reply = self.tokens.split(json.dumps(answer, ensure_ascii=False))
        shared = 0
        for a, b in zip(self._previous, prompt[:-1], strict=False):
            if a != b:
                break
            shared += 1
        self._previous = prompt + reply
        limit = min(reply_tokens, self.default_limit) if reply_tokens is not None else self.default_limit
        self.calls.append(Call(len(prompt), len(prompt) - shared, len(reply) + 1, limit))  # +1: the end token
        found = response_model.model_validate(answer, context=context)
        return found, Usage(calls=1, prompt_tokens=len(prompt), completion_tokens=len(reply) + 1)

    def answer(self, messages: list[Message], response_model: type[BaseModel]) -> dict[str, Any]:
        """Yes to every check (a model of enums); else the gold items of the passage asked."""
        properties: dict[str, Any] = json_schema(response_model)["properties"]
        if all(p.get("enum") == ["yes", "no"] for p in properties.values()):
            return dict.fromkeys(properties, "yes")
        assert self.article is not None and self.gold is not None
        asked = messages[-1]["content"]
        for mark in PASSAGE_MARKS:
            if mark in asked:
                asked = asked.split(mark, 1)[1].rsplit("\n>>>", 1)[0]
                break
        start = self.article.text.find(asked)
        inside = [i for i in self.gold.of(self.kind.name) if start <= span_of(i)[0] < start + len(asked)]
        found = [self.drafted(i) for i in inside] if start >= 0 else []
        return {name: found if name == self.kind.name else [] for name in properties}

    def drafted(self, item: BaseModel) -> dict[str, Any]:
        """The gold item as the model would write it: its words for the anchor, its other values
        (the first example's where the gold has none, for a reply of the usual length)."""
        assert self.article is not None
        start, end = span_of(item)
        shown = self.kind.examples[0].items[0] if self.kind.examples and self.kind.examples[0].items else {}
        out: dict[str, Any] = {}
        for name in self.kind.draft.model_fields:
            value = self.article.text[start:end] if name == self.kind.anchor else getattr(item, name, None)
            out[name] = value if value not in (None, "") else shown.get(name, "")
        return out


def summary(calls: list[Call], articles: int) -> dict[str, float]:
    """Per article: calls, prompt, evaluated and reply tokens, reply limits, estimated seconds;
    and the slowest estimated call over the median."""
    n = max(1, articles)
    median = statistics.median(c.seconds for c in calls) if calls else 0.0
    return {
        "calls": len(calls) / n,
        "prompt": sum(c.prompt for c in calls) / n,
        "evaluated": sum(c.evaluated for c in calls) / n,
        "reply": sum(c.reply for c in calls) / n,
        "limit": sum(c.limit for c in calls) / n,
        "seconds": sum(c.seconds for c in calls) / n,
        "slowest": max((c.seconds for c in calls), default=0.0) / median if median else 0.0,
    }
