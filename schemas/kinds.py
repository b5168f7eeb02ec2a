"""Record kinds: any Pydantic model, declared once and looped over by every stage.

A kind is a plain Pydantic model. Its docstring and field descriptions are its instructions (to
people and to the model alike). A field marked ``Annotated[str, Verbatim]`` must be copied from the
article, wherever it sits (optional, in a list, in a nested model): the first such top-level field is
the anchor, grounded to the item's ``start``/``end``; every other verbatim value gets its own offsets
under ``spans`` by its path (``"cue"``, ``"places.1"``, ``"where.place"``). A model with no top-level
verbatim field gets an ``evidence`` anchor. The grounding's names (``start``, ``end``, ``match``,
``flags``, ``spans``, and ``evidence`` other than as the anchor) are refused as field names: keeping
them flat and reserved reads best, one column each in a table, rather than nesting every item's
grounding under a prefix. Optional class attributes tune the rest::

    class Casualty(BaseModel):
        \"\"\"Casualty figures the article reports.\"\"\"
        count: int = Field(description="How many people.")
        span: Annotated[str, Verbatim] = Field(description="The words stating the figure.")
        examples: ClassVar[list[Example]] = [Example(text="...", items=[{...}])]
        key_fields: ClassVar[tuple[str, ...]] = ("count",)   # what eval compares
        cues: ClassVar[tuple[str, ...]] = ("dead",)          # more words its paragraphs use

        def accept(self, sentence: str) -> bool:   # its own check of an item (else the model's)
            return " if " not in f" {sentence.lower()} "  # a figure stated, not a hypothetical
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model
from pydantic.fields import FieldInfo


class Verbatim:
    """Marks a ``str`` field whose value must stand word for word in the article.

    Use as ``Annotated[str, Verbatim]``, also inside ``| None``, ``list[...]`` or a nested model.
    Grounding checks every such value against the text (exact, then normalised, then fuzzy) and
    drops the item when one is not there, an optional one included: a model that invented part of
    an item is not trusted with the rest. An absent optional value (None) is fine, but for the
    anchor: an item needs its anchor to stand somewhere.
    """


class FieldSpan(BaseModel):
    """Where a verbatim value other than the anchor stands: text[start:end] is the value."""

    start: int = Field(ge=0, description="Offset of the value's first character.")
    end: int = Field(ge=0, description="Offset just past the value's last character.")


class Grounding(BaseModel):
    """Where an item's evidence stands in the article: text[start:end] == evidence."""

    evidence: str = Field(description="The exact supporting text from the article.")
    start: int = Field(ge=0, description="Offset of the evidence's first character.")
    end: int = Field(ge=0, description="Offset just past the evidence's last character.")
    match: Literal["exact", "normalised", "fuzzy", "rule"] = Field(
        default="exact", description="How the evidence was aligned to the text."
    )
    flags: list[str] = Field(
        default_factory=list,
        description="Reasons to doubt the item: 'addresses-model' when its text sits in a passage "
        "written to instruct a model (prompt injection), whose words are in the article all the same.",
    )
    spans: dict[str, FieldSpan] = Field(
        default_factory=dict,
        description="Offsets of every verbatim value but the anchor, by its path: 'cue', 'places.1'.",
    )


GROUNDING_FIELDS = frozenset(Grounding.model_fields)


class GroundedItem(Grounding):
    """An item of a kind read back without its declaration (its own fields kept as they are)."""

    model_config = ConfigDict(extra="allow")


class Example(BaseModel):
    """A worked example for the prompt: a short text and the items the kind should yield from it."""

    text: str
    items: list[dict[str, Any]] = Field(default_factory=list)


def _marked(metadata: Sequence[Any]) -> bool:
    return any(m is Verbatim or isinstance(m, Verbatim) for m in metadata)


def _nullable(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _top_verbatim(annotation: Any, metadata: Sequence[Any] = ()) -> bool:
    """A verbatim string, maybe optional: what can be a kind's anchor."""
    if _marked(metadata):
        return True
    if get_origin(annotation) is Annotated:
        inner, *marks = get_args(annotation)
        return _top_verbatim(inner, marks)
    return _nullable(annotation) and any(
        _top_verbatim(a) for a in get_args(annotation) if a is not type(None)
    )


def is_verbatim(info: FieldInfo) -> bool:
    """A top-level verbatim string field, ``Annotated[str, Verbatim]`` or its optional."""
    return _top_verbatim(info.annotation, info.metadata)


# A value's place in an item: field names, list indices and dict keys from the top.
ValuePath = tuple[str | int, ...]


def dotted(path: ValuePath) -> str:
    return ".".join(str(p) for p in path)


def verbatim_values(item: BaseModel) -> list[tuple[ValuePath, str]]:
    """Every verbatim string in ``item`` with its path, wherever it sits, in field order."""
    found: dict[ValuePath, str] = {}
    for name, info in type(item).model_fields.items():
        _walk(info.annotation, info.metadata, getattr(item, name), (name,), found)
    return list(found.items())


def _walk(
    annotation: Any, metadata: Sequence[Any], value: Any, path: ValuePath, found: dict[ValuePath, str]
) -> None:
    if value is None:
        return
    if _marked(metadata):
        if isinstance(value, str):
            found[path] = value
        return
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        _walk(args[0], args[1:], value, path, found)
    elif _nullable(annotation):
        for arg in args:
            _walk(arg, (), value, path, found)
    elif isinstance(value, list | tuple) and not isinstance(value, str):
        for i, v in enumerate(value):
            _walk(args[0] if args else Any, (), v, (*path, i), found)
    elif isinstance(value, dict) and len(args) == 2:
        for k, v in value.items():
            _walk(args[1], (), v, (*path, str(k)), found)
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            _walk(info.annotation, info.metadata, getattr(value, name), (*path, name), found)


@dataclass(frozen=True, eq=False)
class Kind:
    """One kind of record: everything each stage needs to know about it, in one place.

    ``name`` keys the kind in records (``record.items[name]``); ``draft`` is what the model
    fills; ``record`` adds the grounding; ``anchor`` is the verbatim field grounded to start/end.
    Eval compares ``key_fields`` strictly and ``lenient_fields`` loosely; ``attribute`` is the
    field whose accuracy is reported; ``colour`` marks the kind in the report.
    """

    name: str
    draft: type[BaseModel]
    record: type[BaseModel]
    anchor: str
    verbatim: tuple[str, ...]
    examples: tuple[Example, ...] = ()
    key_fields: tuple[str, ...] = ()
    lenient_fields: tuple[str, ...] = ()
    attribute: str | None = None
    colour: str = "#8a63d2"

    @property
    def instructions(self) -> str:
        return " ".join((self.draft.__doc__ or self.name).split())

    @functools.cached_property
    def fingerprint(self) -> dict[str, Any]:
        """What identifies the kind in cache keys: editing the model or its examples is a miss."""
        return {
            "name": self.name,
            "schema": self.draft.model_json_schema(),
            "examples": [e.model_dump(mode="json") for e in self.examples],
        }

    def label(self, item: BaseModel) -> str:
        """A one-line description of an item (its own ``label()`` if the model defines one)."""
        return describe(item, self.hidden)

    @property
    def hidden(self) -> frozenset[str]:
        """Fields a table or label leaves out: the grounding and the verbatim words themselves."""
        return GROUNDING_FIELDS | set(self.verbatim)


def describe(item: BaseModel, hidden: frozenset[str] = frozenset()) -> str:
    """An item's own ``label()`` if its model defines one, else its fields but ``hidden``."""
    custom = getattr(item, "label", None)
    if callable(custom):
        return str(custom())
    shown = {k: v for k, v in item.model_dump(mode="json").items() if k not in hidden}
    return "; ".join(f"{k}: {_plain(v)}" for k, v in shown.items() if v not in (None, "", []))


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or ", ".join(f"{k}={_plain(v)}" for k, v in value.items()))
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)


_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
DEFAULT_COLOUR = "#8a63d2"


def hex_colour(value: str) -> str | None:
    """``value`` as ``#rrggbb`` if it is a hex colour (``#rgb`` widened), else None: a colour
    goes into the report's styles, where anything else (``url(...)``) could make it call out."""
    if not _HEX_COLOUR.fullmatch(value):
        return None
    digits = value[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


EVIDENCE_DESCRIPTION = "The sentence or clause of the article that states this item, copied exactly."


def kind_of(
    model: type[BaseModel],
    *,
    name: str | None = None,
    record: type[BaseModel] | None = None,
    key_fields: tuple[str, ...] | None = None,
    lenient_fields: tuple[str, ...] | None = None,
    attribute: str | None = None,
    colour: str | None = None,
) -> Kind:
    """Declare ``model`` as a kind; arguments override the model's class attributes
    (``kind_name``, ``examples``, ``key_fields``, ``lenient_fields``, ``attribute``, ``colour``)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise TypeError(f"{model!r} is not a Pydantic model")
    draft = model
    verbatim = tuple(k for k, f in model.model_fields.items() if is_verbatim(f))
    for own_field in model.model_fields:
        if own_field in GROUNDING_FIELDS and not ((own_field,) == verbatim[:1] == ("evidence",)):
            raise ValueError(
                f"{model.__name__}: field {own_field!r} is a name the grounding uses "
                f"({', '.join(sorted(GROUNDING_FIELDS))}); rename it"
            )
    if not verbatim:
        draft = create_model(  # the model's own name: instructor names the tool after it
            model.__name__,
            __base__=model,
            __doc__=model.__doc__,
            evidence=(Annotated[str, Verbatim], Field(description=EVIDENCE_DESCRIPTION, min_length=1)),
        )
        verbatim = ("evidence",)
    if record is None:
        record = create_model(f"{model.__name__}Record", __base__=(draft, Grounding), __doc__=model.__doc__)
    own = [k for k in draft.model_fields if k not in GROUNDING_FIELDS and k not in verbatim]
    keys = key_fields if key_fields is not None else tuple(getattr(model, "key_fields", None) or own)
    lenient = lenient_fields if lenient_fields is not None else getattr(model, "lenient_fields", None)
    examples = tuple(Example.model_validate(e) for e in getattr(model, "examples", None) or ())
    for n, example in enumerate(examples, 1):  # a broken example fails at declaration
        for m, item in enumerate(example.items, 1):
            try:
                drafted = draft.model_validate(item)
            except ValidationError as exc:
                said = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                raise ValueError(f"example {n}, item {m}: {said}") from None
            for path, value in verbatim_values(drafted):
                if value not in example.text:
                    raise ValueError(
                        f"{model.__name__}: an example's {dotted(path)} {value!r} is not in its text"
                    )
    return Kind(
        name=name or getattr(model, "kind_name", None) or snake(model.__name__),
        draft=draft,
        record=record,
        anchor=verbatim[0],
        verbatim=verbatim,
        examples=examples,
        key_fields=tuple(keys),
        lenient_fields=tuple(lenient if lenient is not None else keys),
        attribute=attribute or getattr(model, "attribute", None),
        colour=checked_colour(colour or getattr(model, "colour", None) or DEFAULT_COLOUR),
    )


def checked_colour(value: object) -> str:
    """A kind's declared colour as ``#rrggbb``; anything else is refused."""
    found = hex_colour(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(f"colour {value!r} is not a hex colour such as '#8a63d2'")
    return found


def typed_item(kind: Kind | None, data: Any) -> BaseModel:
    """An item read back: its kind's record model if the kind is declared, else a generic
    grounded item."""
    if isinstance(data, BaseModel):
        return data
    return (kind.record if kind is not None else GroundedItem).model_validate(data)


# Where to look for a draft's words first: the anchor's offset, or an offset by value path
# ("text", "source", "cue") for the rules, which know where each part stands.
Near = int | dict[str, int] | None
# A draft the model or the rules produced, its kind, and where in the text to look for it first.
Drafted = tuple[Kind, BaseModel, Near]
