"""Which kinds a run extracts: packs (named sets of kinds with their rules) and user models.

``--schema news`` is the built-in pack; ``--schema my_kinds.py:Claim`` (or, in Python, the class
itself) is any Pydantic model, declared a kind on the spot. Nothing in the package changes when a
user adds a kind.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

from pydantic import BaseModel, PydanticUserError

from extract.errors import ExtractError
from extract.schemas import Kind, kind_of

SchemaSpec = str | type[BaseModel]


# Third-party packs are plugins: a distribution declares
# ``[project.entry-points."news_extract.packs"] name = "module:PACK"``, a :class:`Pack`.
PACK_GROUP = "news_extract.packs"
# The built-in pack, as pyproject.toml declares it: found also where the installed metadata
# predates the entry point (an editable install made before it was added).
BUILT_IN = EntryPoint("news", "extract.rules.pack:NEWS", PACK_GROUP)


@dataclass(frozen=True)
class Pack:
    """Kinds shipped together, with an optional rule-based candidate generator and the prompts
    its choices use.

    ``rules(article, kinds, chooser) -> drafts`` makes the pack's kinds without a model; rules
    that also take ``doc=`` are handed the article's spaCy parse where the caller has one (a
    trained run parses once for the rules and its tagger).
    ``sieve(passage, kinds) -> bool`` says which passages a model pass need not ask.
    ``recall_from_model`` are the kinds whose rules miss what a model pass finds:
    ``hybrid+paragraph`` asks the model about these only, keeping the extra items that
    ``verify(text, sentence, start, end) -> bool`` accepts. ``model_decides`` names the open
    choices (prompts) whose model answer measured better than the rules' guess: ``hybrid`` asks
    the model those only, ``hybrid-all`` every one. The parts are the functions
    themselves; a module defining a pack imports no parser at import time, so a fully cached
    run loads none.
    """

    name: str
    kinds: tuple[Kind, ...]
    rules: Callable[..., Any] | None = None
    prompts: tuple[str, ...] = ()
    sieve: Callable[..., bool] | None = None
    recall_from_model: tuple[str, ...] = ()
    verify: Callable[..., bool] | None = None
    model_decides: tuple[str, ...] = ()


DEFAULT_SCHEMA: tuple[SchemaSpec, ...] = ("news",)


@cache
def packs() -> dict[str, Pack]:
    """Every installed pack by name: the entry points of :data:`PACK_GROUP`, the built-in first."""
    found = {BUILT_IN.name: BUILT_IN} | {ep.name: ep for ep in entry_points(group=PACK_GROUP)}
    loaded: dict[str, Pack] = {}
    for name, ep in found.items():
        try:
            pack = ep.load()
        except Exception as exc:
            raise ExtractError(
                f"pack {name!r} ({ep.value}) failed to load: {type(exc).__name__}: {exc}"
            ) from None
        if not isinstance(pack, Pack):
            raise ExtractError(f"pack {name!r} ({ep.value}) is not an extract.kinds.Pack")
        loaded[name] = pack
    return loaded


def pack_of(kind: Kind) -> Pack | None:
    """The pack that ships ``kind`` (and may have rules for it), if any."""
    return next((p for p in packs().values() if kind in p.kinds), None)


def rules_for(kind: Kind) -> Callable[..., Any] | None:
    """The rules that produce ``kind``, if any do."""
    pack = pack_of(kind)
    return pack.rules if pack is not None else None


@cache
def rules_version() -> str:
    """A hash of the rule and strategy code and its data: a changed rule, or a changed way of
    combining rules and model, misses the record cache."""
    digest = hashlib.sha256()
    for package in ("extract.rules", "extract.strategies"):
        root = resources.files(package)
        for entry in sorted(root.iterdir(), key=lambda e: e.name):
            if entry.is_file() and not entry.name.endswith((".pyc", ".pyo")):
                digest.update(f"{package}/{entry.name}".encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:16]


def resolve(specs: Iterable[SchemaSpec]) -> tuple[Kind, ...]:
    """The kinds named by ``specs`` (pack names, ``file.py:Class`` or classes), in order, once each."""
    kinds: dict[str, Kind] = {}
    named: dict[str, SchemaSpec] = {}
    for spec in specs:
        for kind in _kinds_of(spec):
            if kind.name in kinds and kinds[kind.name] is not kind:
                raise ExtractError(
                    f"schema {spec!r}: a kind named {kind.name!r} comes from {named[kind.name]!r} too; "
                    "rename one (kind_name = ...)"
                )
            kinds.setdefault(kind.name, kind)
            named.setdefault(kind.name, spec)
    if not kinds:
        raise ExtractError("no record kinds: give --schema news or --schema FILE.py:Model")
    return tuple(kinds.values())


def _kinds_of(spec: SchemaSpec) -> tuple[Kind, ...]:
    """A pack's kinds (``news``), one of them (``news:quotes``), or a model declared as a kind
    (a pack's own draft class is that pack's kind, rules and all)."""
    if isinstance(spec, str) and (pack := packs().get(spec.partition(":")[0])) is not None:
        named = spec.partition(":")[2]
        chosen = tuple(k for k in pack.kinds if named in ("", k.name))
        if not chosen:
            names = ", ".join(k.name for k in pack.kinds)
            raise ExtractError(f"--schema {spec!r}: the {pack.name} pack has no kind {named!r} ({names})")
        return chosen
    model = load_model(spec) if isinstance(spec, str) else spec
    if shipped := [k for p in packs().values() for k in p.kinds if k.draft is model]:
        return tuple(shipped)
    try:
        kind = _declared(model)
        kind.fingerprint  # noqa: B018  # its JSON schema: a forward reference or a Callable fails here
    except (TypeError, ValueError, PydanticUserError) as exc:  # not a usable model, a broken example
        raise ExtractError(
            f"schema {spec!r}: {' '.join(str(exc).split('For further information')[0].split())}"
        ) from None
    return (kind,)


@cache
def _declared(model: type[BaseModel]) -> Kind:
    # Once per class: the derived models (draft, record, the response model) are built once,
    # and so are their JSON schemas and instructor's wrappers of them.
    return kind_of(model)


def load_model(spec: str) -> type[BaseModel]:
    """``path/to/file.py:ClassName`` → the class (the file is imported as a module)."""
    path_text, _, class_name = spec.rpartition(":")
    if not path_text or not class_name:
        raise ExtractError(f"--schema {spec!r}: expected a pack ({', '.join(packs())}) or FILE.py:ClassName")
    path = Path(path_text)
    if not path.is_file():
        raise ExtractError(f"--schema {spec!r}: no such file {path}")
    module = _import_file(path.resolve())
    model = getattr(module, class_name, None)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise ExtractError(f"--schema {spec!r}: {path} defines no Pydantic model {class_name}")
    return model


def _import_file(path: Path) -> object:
    # Named after the file's path and contents: an edited file is imported afresh.
    data = path.read_bytes()
    name = f"extract_user_schema_{hashlib.sha256(str(path).encode() + data).hexdigest()[:12]}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ExtractError(f"cannot import schema file {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pydantic look the module up while it runs
    try:
        spec.loader.exec_module(module)
    except SystemExit as exc:  # sys.exit() in a schema file must not end the command silently
        del sys.modules[name]
        raise ExtractError(f"schema file {path} called sys.exit({exc.code!r}) while imported") from None
    except Exception as exc:
        del sys.modules[name]
        raise ExtractError(f"schema file {path} failed to import: {type(exc).__name__}: {exc}") from None
    return module
