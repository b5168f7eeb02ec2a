"""Every model backend, declared once: its name, the run options it needs, how it is built and
the strategy it does best with. A new backend is one declaration here; the CLI's ``--provider``
choices, the config's checks and the run's construction all read this table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.errors import ExtractError
from extract.providers.base import Endpoint, Provider
from extract.providers.embedded import Embedded
from extract.providers.models import LOCAL_MODELS
from extract.providers.none import NoModel
from extract.providers.openai_compat import OpenAICompatible


@dataclass(frozen=True)
class Built:
    """What a backend is built from: the request settings, the embedded model's name and where
    a local server writes its logs."""

    endpoint: Endpoint
    local_model: str
    log_dir: Path


@dataclass(frozen=True)
class Backend:
    """One backend. ``needs`` are the run options (``RunConfig`` fields) that must be given;
    ``check`` refuses a bad value of them with one line."""

    name: str
    about: str
    build: Callable[[Built], Provider]
    default_strategy: str
    needs: tuple[str, ...] = ()
    check: Callable[[Mapping[str, Any]], str | None] = lambda options: None

    def refuse(self, options: Mapping[str, Any]) -> None:
        """Raise one line when ``options`` (the run's) lack what this backend needs."""
        if missing := [o for o in self.needs if not options.get(o)]:
            flags = ", ".join("--" + o.replace("_", "-") for o in missing)
            raise ExtractError(f"{flags} required with the {self.name} provider ({self.about})")
        if (why := self.check(options)) is not None:
            raise ExtractError(why)


def _known_local_model(options: Mapping[str, Any]) -> str | None:
    name = options.get("local_model")
    if name in LOCAL_MODELS:
        return None
    return f"unknown local model {name!r}; choose from {', '.join(LOCAL_MODELS)}"


BACKENDS: dict[str, Backend] = {
    b.name: b
    for b in (
        Backend(
            "embedded",
            "the packaged model behind a local llama.cpp server, started on first use",
            lambda b: Embedded(b.local_model, b.endpoint, b.log_dir),
            default_strategy="hybrid+paragraph",
            needs=("local_model",),
            check=_known_local_model,
        ),
        Backend(
            "openai",
            "any OpenAI-compatible server at --base-url: OpenAI, vLLM, Ollama, llama.cpp",
            lambda b: OpenAICompatible(b.endpoint),
            default_strategy="whole",
            needs=("base_url", "model"),
        ),
        Backend("none", "no model: the rules alone", lambda b: NoModel(), default_strategy="rules"),
    )
}


def backend_for(provider: str | None, base_url: str | None) -> Backend:
    """The backend a run names, or by default the embedded model without a base URL and an
    OpenAI-compatible server with one."""
    name = provider or ("embedded" if base_url is None else "openai")
    if name not in BACKENDS:
        raise ExtractError(f"unknown provider {name!r}; choose from {', '.join(BACKENDS)}")
    return BACKENDS[name]
