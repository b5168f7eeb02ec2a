"""The news pack: quotes, events and positions, declared as kinds like any user model.

Field descriptions are read by people and sent to the model as part of the JSON schema.

Events are coded in PLOVER (Political Language Ontology for Verifiable Event Records,
openeventdata/PLOVER): its root categories, modes and contexts, with definitions adapted from
the PLOVER manual by the Open Event Data Alliance, licensed CC BY-SA 4.0
(https://creativecommons.org/licenses/by-sa/4.0/); the adapted definitions are shared under the
same licence.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extract.schemas.kinds import Example, Grounding, Verbatim, kind_of

# One invented paragraph, worked for each kind: the examples every prompt shows the model.
_EXAMPLE = (
    "Foreign Minister Anna Berg met her Danish counterpart in Geneva on Monday. She said the trade "
    'deal was "a mistake we will not repeat," and warned that Norway would leave the talks.'
)
_BERG = {"name": "Anna Berg", "kind": "person"}


class EventType(StrEnum):
    """PLOVER's root event categories (openeventdata/PLOVER), as the event data field codes them.

    YIELD is the PLOVER category the coded corpora use for what the 2021 manual splits into
    CONCEDE (verbal) and RETREAT (material); the mode tells them apart.
    """

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    COOPERATE = "COOPERATE"
    AID = "AID"
    YIELD = "YIELD"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


# Each category's definition, adapted from the PLOVER manual: the field's documentation, and what
# the model reads when it types or decides an event.
DEFINITIONS: dict[EventType, str] = {
    EventType.AGREE: "agree to, offer, promise or otherwise commit to cooperate, including promises to "
    "sign or ratify agreements, invitations and future meetings; consultation, support, cooperation or "
    "aid only promised for the future is AGREE",
    EventType.CONSULT: "consultations and meetings: visits and hosting visits, meetings at a neutral "
    "place, phone calls, holding talks, discussions and negotiations",
    EventType.SUPPORT: "political, diplomatic, non-material support: praise, endorse, approve a policy, "
    "action or actor, sign or ratify an agreement, recognise a state or government, open relations",
    EventType.COOPERATE: "mutual material cooperation or exchange: economic exchange, joint military "
    "exercises, judicial cooperation such as extraditions, sharing intelligence",
    EventType.AID: "material aid that mainly benefits the recipient: money, loans, grants, debt relief, "
    "military or police assistance, humanitarian aid, asylum, hostage rescues",
    EventType.YIELD: "concessions and retreats: ease restrictions, pardon, lift a curfew or sanction, "
    "declare a ceasefire, apologise or express regret, withdraw a demand; release prisoners, withdraw "
    "forces, disarm, allow access, resign",
    EventType.REQUEST: "verbal requests, demands, appeals, calls and orders (less forceful than threats)",
    EventType.ACCUSE: "disapprove, criticise, condemn, denounce, blame; accuse, allege, charge, sue or "
    "bring to court; investigations of all kinds",
    EventType.REJECT: "rejections and refusals: refuse, deny, veto, turn down, bar entry, cancel a "
    "meeting, decline to cooperate",
    EventType.THREATEN: "threats and forceful warnings with serious potential repercussions, such as "
    "threats of sanctions, force, arrest or ending relations",
    EventType.PROTEST: "civilian demonstrations and collective protest: rallies, marches, riots, "
    "strikes, hunger strikes, boycotts, blockades",
    EventType.SANCTION: "reductions in existing relations: impose sanctions, cut ties or aid, expel "
    "from a group, withdraw diplomats, court convictions and court-ordered penalties",
    EventType.MOBILIZE: "military or police moves short of force: deploy or mass troops, put forces "
    "on alert, move weapons, single-country exercises",
    EventType.COERCE: "repression and coercion short of violence: arrest, detain, raid, seize, ban, "
    "censor, impose curfew or martial law, deport, cyber attacks",
    EventType.ASSAULT: "deliberate actions that can cause substantial physical harm: attacks, "
    "killings, bombings, shootings, air strikes, fighting, abductions, torture",
}

# The modes PLOVER defines, by category (YIELD's: CONCEDE's and RETREAT's).
MODES: dict[EventType, tuple[str, ...]] = {
    EventType.CONSULT: ("visit", "third-party", "multilateral", "phone"),
    EventType.YIELD: ("concede", "withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    EventType.REQUEST: ("assist", "change", "yield", "meet"),
    EventType.REJECT: ("assist", "change", "yield", "meet"),
    EventType.ACCUSE: ("disapprove", "investigate", "allege"),
    EventType.THREATEN: ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    EventType.PROTEST: ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    EventType.SANCTION: ("convict", "expel", "withdraw", "discontinue"),
    EventType.MOBILIZE: ("troops", "weapons", "police", "militia"),
    EventType.COERCE: (
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    ),
    EventType.ASSAULT: (
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    ),
}


class Context(StrEnum):
    """PLOVER's general contexts: what an event is about, whatever its category."""

    MILITARY = "military"
    INTELLIGENCE = "intelligence"
    EXECUTIVE = "executive"
    LEGISLATIVE = "legislative"
    ELECTION = "election"
    POLITICAL_INSTITUTIONS = "political_institutions"
    PRO_DEMOCRACY = "pro_democracy"
    PRO_AUTOCRACY = "pro_autocracy"
    ECONOMIC = "economic"
    LEGAL = "legal"
    REPARATIONS = "reparations"
    HUMAN_RIGHTS = "human_rights"
    RIGHTS_FREEDOMS = "rights_freedoms"
    REPRESSION = "repression"
    HUMAN_SECURITY = "human_security"
    GENDER = "gender"
    LGBT = "lgbt"
    RELIGION_ETHNICITY = "religion_ethnicity"
    INEQUALITY = "inequality"
    DIPLOMATIC = "diplomatic"
    TERRITORY = "territory"
    PEACEKEEPING = "peacekeeping"
    HEALTH = "health"
    ASYLUM = "asylum"
    MIGRATION = "migration"
    DISASTERS = "disasters"
    NATURAL_RESOURCE = "natural_resource"
    ENVIRONMENT = "environment"
    TECHNOLOGY = "technology"
    TERRORISM = "terrorism"
    CBRN = "cbrn"
    CYBER = "cyber"
    MISINFORMATION = "misinformation"
    CRIME = "crime"
    CORRUPTION = "corruption"
    ILLEGAL_DRUGS = "illegal_drugs"
    TRAFFICKING = "trafficking"


def type_description() -> str:
    """The ``type`` field's description: every category with its definition."""
    return "The PLOVER category of the event: " + "; ".join(f"{t.value}: {d}" for t, d in DEFINITIONS.items())


class Stance(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    NEUTRAL = "neutral_or_mixed"


class Actor(BaseModel):
    """A person, organisation, country or group named in the article."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(
        description="The actor's name as the article writes it, e.g. 'John Kerry', 'Russia'.",
        min_length=1,
    )
    kind: Literal["person", "organization", "country", "group", "other"] = Field(
        default="other", description="What sort of actor this is."
    )
    country: str | None = Field(
        default=None,
        description="The ISO 3166 alpha-3 code of the state when the actor is a state or one of its "
        "organs ('Moscow', 'the Kremlin', 'Russian officials': 'RUS'); null otherwise.",
    )


class Resolution(StrEnum):
    """How a quote's speaker was found from its source mention."""

    NAMED = "named"  # the source is the actor's full name
    ALIAS = "alias"  # another form of the name: 'Lavrov', 'Mr Lavrov'
    PRONOUN = "pronoun"  # 'he', 'she', 'they': the antecedent named
    DESCRIPTION = "description"  # 'the Russian foreign minister': the actor named earlier
    UNRESOLVED = "unresolved"  # no named antecedent: the speaker is the description itself


class QuoteDraft(BaseModel):
    """Words the article attributes to a speaker: the content, the source mention and the cue."""

    text: Annotated[str, Verbatim] = Field(
        description="The exact words of the quote, copied character for character from the article.",
        min_length=1,
    )
    source: Annotated[str, Verbatim] | None = Field(
        default=None,
        description="The words by which the article attributes the quote, copied exactly: a name "
        "('Lavrov'), a pronoun ('he') or a description ('a senior official').",
    )
    speaker: Actor = Field(
        description="Who said the words: the named actor the source refers to, where the text names one."
    )
    resolution: Resolution | None = Field(
        default=None,
        description="How the speaker was found from the source: 'named', 'alias', 'pronoun', "
        "'description', or 'unresolved' when no named actor is meant.",
    )
    cue: Annotated[str, Verbatim] | None = Field(
        default=None,
        description="The word(s) introducing the quote, copied exactly, e.g. 'said', 'told', 'according to'.",
    )
    direct: bool = Field(
        description="True if the words stand inside quotation marks, false for reported speech."
    )

    examples: ClassVar[list[Example]] = [
        Example(
            text=_EXAMPLE,
            items=[
                {
                    "text": "a mistake we will not repeat",
                    "source": "She",
                    "speaker": _BERG,
                    "resolution": "pronoun",
                    "cue": "said",
                    "direct": True,
                },
                {
                    "text": "Norway would leave the talks",
                    "source": "She",
                    "speaker": _BERG,
                    "resolution": "pronoun",
                    "cue": "warned",
                    "direct": False,
                },
            ],
        )
    ]


class EventDraft(BaseModel):
    """An event coded in PLOVER: who (source) did what (the category) to whom (target), when and
    where. Only what PLOVER codes is an event: plain statements, opinions and background are not,
    nor events the sentence denies ('did not agree') or only imagines."""

    type: EventType = Field(description=type_description())
    source: list[Actor] = Field(
        default_factory=list,
        description="Who carries out the event (PLOVER's actor), as written; several when the text "
        "conjoins them ('Kerry and Lavrov met'). Both sides of a meeting or a clash are sources.",
    )
    target: list[Actor] = Field(
        default_factory=list,
        description="Who the event is directed at or done to (PLOVER's recipient), as written; "
        "empty when the text names no one.",
    )
    mode: str | None = Field(
        default=None,
        description="How the event was carried out, where PLOVER defines modes for its category: "
        + "; ".join(f"{t.value}: {', '.join(m)}" for t, m in MODES.items())
        + ". Null when none fits.",
    )
    context: list[Context] = Field(
        default_factory=list, description="What the event is about (PLOVER's contexts), if clear."
    )
    time: str | None = Field(
        default=None, description="The time as written in the article, e.g. 'on Sunday'."
    )
    date: str | None = Field(
        default=None,
        description="The time normalised to an ISO date (YYYY-MM-DD) when the article's date allows.",
    )
    place: str | None = Field(default=None, description="Where it happened, as written.")
    evidence: Annotated[str, Verbatim] = Field(
        description="The clause of the article that states the event, copied exactly.",
        min_length=1,
    )

    @model_validator(mode="after")
    def _mode_of_type(self) -> EventDraft:
        if self.mode is not None and self.mode not in MODES.get(self.type, ()):
            allowed = ", ".join(MODES.get(self.type, ())) or "none"
            raise ValueError(f"mode {self.mode!r} is not a mode of {self.type.value} (its modes: {allowed})")
        return self

    examples: ClassVar[list[Example]] = [
        Example(
            text=_EXAMPLE,
            items=[
                {
                    "type": "CONSULT",
                    "time": "on Monday",
                    "place": "Geneva",
                    "source": [_BERG],
                    "target": [{"name": "her Danish counterpart", "kind": "person"}],
                    "evidence": "Foreign Minister Anna Berg met her Danish counterpart in Geneva on Monday.",
                },
                {
                    "type": "THREATEN",
                    "mode": "relations",
                    "source": [_BERG],
                    "target": [{"name": "Norway", "kind": "country", "country": "NOR"}],
                    "evidence": "warned that Norway would leave the talks",
                },
            ],
        )
    ]


TargetKind = Literal["person", "organization", "country", "group", "other", "issue"]


class Target(BaseModel):
    """What a position is about: an actor, or an issue in a few words."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(
        description="The actor's name as for a holder ('Loretta Lynch', 'Congress'), or the issue in a"
        " few words ('the Crimea referendum', 'her nomination').",
        min_length=1,
    )
    kind: TargetKind = Field(
        default="issue", description="What sort of actor the target is, or 'issue' for a policy, act or idea."
    )


class PositionDraft(BaseModel):
    """An actor's stance on another actor or on an issue, as one sentence states it."""

    evidence: Annotated[str, Verbatim] = Field(
        description="The sentence of the article that shows the stance, copied exactly.",
        min_length=1,
    )
    holder: Actor = Field(description="Who holds the position, named as for a quote's speaker.")
    holder_mention: Annotated[str | None, Verbatim] = Field(
        default=None,
        description="The holder as the sentence writes it ('Mr. Obama', 'she', 'Republicans'), copied"
        " exactly; none when the sentence does not name it (a quote running on from an earlier one).",
    )
    target: Target = Field(description="Whom or what the holder supports or opposes.")
    target_mention: Annotated[str | None, Verbatim] = Field(
        default=None,
        description="The target as the sentence writes it, copied exactly; none when it is not named.",
    )
    stance: Stance = Field(
        description="'support' or 'oppose'; 'neutral_or_mixed' only where the sentence itself says"
        " the holder is undecided or torn."
    )
    quote: Annotated[str | None, Verbatim] = Field(
        default=None,
        description="When the stance is stated in a quote, the quote's words, copied exactly.",
    )

    examples: ClassVar[list[Example]] = [
        Example(
            text=_EXAMPLE,
            items=[
                {
                    "holder": _BERG,
                    "holder_mention": "She",
                    "target": {"name": "the trade deal", "kind": "issue"},
                    "target_mention": "the trade deal",
                    "stance": "oppose",
                    "quote": "a mistake we will not repeat",
                    "evidence": 'She said the trade deal was "a mistake we will not repeat," and warned '
                    "that Norway would leave the talks.",
                }
            ],
        )
    ]


class Quote(QuoteDraft, Grounding):
    """A grounded quote; its evidence is the quote's words as they stand in the article."""

    def label(self) -> str:
        """'Sergei Lavrov ← “he” (pronoun) · “said”, direct': the speaker, how the source led there."""
        source = f" \u2190 \u201c{self.source}\u201d" if self.source else ""
        how = f" ({self.resolution.value})" if self.source and self.resolution else ""
        cue = f" \u00b7 \u201c{self.cue}\u201d" if self.cue else ""
        return f"{self.speaker.name}{source}{how}{cue}, {'direct' if self.direct else 'indirect'}"


class Event(EventDraft, Grounding):
    """A grounded event."""

    def label(self) -> str:
        who = " and ".join(a.name for a in self.source) or "someone"
        whom = f" → {' and '.join(a.name for a in self.target)}" if self.target else ""
        mode = f" ({self.mode})" if self.mode else ""
        when = f" · {self.date or self.time}" if (self.date or self.time) else ""
        return f"{self.type.value}{mode}: {who}{whom}{when}"


class Position(PositionDraft, Grounding):
    """A grounded position."""

    def label(self) -> str:
        return f"{self.holder.name} · {self.stance.value} · {self.target.name}"


# The pack's kinds, declared as any user kind is; the spaCy rules are its candidate generator
# (extract/rules/pack.py). Lenient quote matching leaves out ``direct``: a span's quote
# marks are trimmed before matching, so the span cannot tell.
QUOTES = kind_of(
    QuoteDraft,
    name="quotes",
    record=Quote,
    key_fields=("speaker", "direct"),
    lenient_fields=("speaker",),
    attribute="speaker",
    colour="#2a7de1",
)
EVENTS = kind_of(
    EventDraft,
    name="events",
    record=Event,
    key_fields=("type", "source", "target", "date", "place"),
    lenient_fields=("type",),
    attribute="type",
    colour="#e1952a",
)
POSITIONS = kind_of(
    PositionDraft,
    name="positions",
    record=Position,
    key_fields=("stance", "holder", "target"),
    lenient_fields=("holder", "target"),
    attribute="stance",
    colour="#2aa84a",
)
NEWS_KINDS = (QUOTES, EVENTS, POSITIONS)
