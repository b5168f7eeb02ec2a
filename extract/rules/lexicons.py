"""Word lists the rules read: speech and belief cues, stance words, and the nouns that name people
and their roles (PLOVER's event triggers are in plover_triggers.py). Data, not code: each list
says what it is for."""

from __future__ import annotations

from typing import TypeVar

V = TypeVar("V")


def words(text: str) -> frozenset[str]:
    """A word list written as text (so the formatter leaves it a paragraph): split on white space."""
    return frozenset(text.split())


def meaning(groups: dict[V, str]) -> dict[str, V]:
    """Each word of each group's text, mapped to the group's meaning."""
    return {w: value for value, text in groups.items() for w in text.split()}


def following(text: str) -> dict[str, tuple[str, ...]]:
    """Lines of 'word next next...': each line's first word, mapped to the words that follow it."""
    return {word: tuple(rest) for word, *rest in (line.split() for line in text.strip().splitlines())}


_SPEECH = words(
    """
    say tell add warn suggest insist state note argue claim announce assure believe stress urge
    declare explain reply ask write tweet admit deny acknowledge confirm report predict promise
    indicate respond concede contend maintain allege testify recall charge
    """
)
# PolNeAR (and political science) count reported beliefs and intentions as attributions: clauses
# governed by cognition verbs too (measured on PolNeAR train, see the README).
_COGNITION = words(
    """
    think hope expect fear feel know worry doubt accuse criticize criticise describe complain vow
    pledge emphasize emphasise signal mention conclude find show reveal blame boast hint speculate
    assert caution agree recognize realize understand guess imagine estimate propose recommend
    question
    """
)
# Manner-of-speaking and going-on verbs that lead a quote (PolNeAR train's cues; VerbNet's
# manner_speaking and say classes): '"...," he continued.'
_MANNER = words(
    """
    continue joke quip exclaim shout chant retort observe remark answer recount lament muse wonder
    scoff reiterate echo
    """
)
CUE_LEMMAS = _SPEECH | _COGNITION | _MANNER
# Nouns of an attitude its possessor holds: 'Pelosi's support for the bill', 'his criticism of it'
# (not 'Russia's annexation of Crimea': an act the speaker judges, in STANCE_WORDS alone).
STANCE_NOUNS: dict[str, str] = meaning(
    {
        "support": "support backing endorsement praise confidence trust admiration",
        "oppose": "criticism opposition condemnation distrust contempt accusation accusations complaint "
        "complaints objection objections",
    }
)
# Nouns for people by the side they take: 'critics of the plan', 'Trump supporters', 'Cruz, a rival
# of Trump': who they are is the holder, whom they are of the target.
STANCE_AGENTS: dict[str, str] = meaning(
    {
        "support": "supporter backer ally defender loyalist champion",
        "oppose": "critic opponent detractor foe rival adversary",
    }
)
STANCE_WORDS: dict[str, str] = (
    meaning(
        {
            "support": "legitimate right recognise recognize support welcome favour favor supportive proud "
            "grateful confident willing",
            "oppose": "illegitimate wrong oppose counter-productive counterproductive condemn annexation "
            "concerned destabilising intimidation critical skeptical sceptical opposed wary angry furious "
            "upset unhappy frustrated disappointed outraged unwilling",
        }
    )
    | STANCE_NOUNS
)
# Verbs (and phrasal verbs, written with '_') whose agent evaluates its patient: 'accused Congress',
# 'held up her nomination', 'praised Ms. Lynch'. None: a position, its polarity left to the sentence.
_EVALUATIVE: dict[str | None, str] = {
    "oppose": """
    accuse blast criticize criticise attack blame condemn denounce slam reject oppose fight block
    hold_up mock question challenge sue investigate target warn threaten defeat filibuster veto
    deride rebuke scold dismiss assail lambaste chide denigrate insult ridicule vote_against
    object_to berate chastise excoriate go_after lash_out decry stall delay push_back rail_against
    campaign_against dislike distrust hate despise
    rebut refute dispute contradict fault knock pan bash lament bemoan disparage smear vilify
    demonize demonise obstruct thwart sabotage overrule impeach indict prosecute boycott snub shun
    spurn rebuff scorn tear_into lay_into take_on stonewall resist protest oust
    """,
    "support": """
    praise back endorse support defend welcome thank applaud commend hail champion nominate tap
    confirm approve elect vote_for stand_with side_with help protect embrace favor favour
    campaign_for fight_for argue_for stand_by rally_behind work_with ally_with pick appoint hire
    credit congratulate admire respect trust
    laud tout honor honour salute vouch_for back_up reassure console hug eulogize eulogise mourn love
    """,
    None: "push call urge want ask pressure",
}
# Verbs whose subject does not do the action they govern: 'refused to confirm Lynch' is against her.
REFUSING = words("refuse decline fail hesitate")
# Verbs of contact that take a person as object without taking a stance on them: 'Kerry met Lavrov'.
CONTACT_VERBS = words("meet see visit phone call join accompany greet host brief tell ask interview")
EVALUATIVE_VERBS: dict[str, str | None] = {w.replace("_", " "): v for w, v in meaning(_EVALUATIVE).items()}
# Verbs whose object is the actor's stance or intention: 'wants a wall', 'called for a prosecutor'.
_INTENT = words(
    """
    want call support oppose criticize criticise praise endorse back urge propose refuse plan prefer
    promise vow pledge demand condemn defend blame accuse welcome slam dismiss announce seek push
    express discuss cite tout favor favour recommend request mention describe hope expect intend
    threaten thank mock repeat speak talk point refer
    """
)
# Verbs of judging (PolNeAR's stances; the evaluative verbs of VerbNet's judgement class).
_JUDGING = words(
    """
    attack reject denounce blast decry lament assail lambaste rebuke deride ridicule challenge
    applaud hail commend embrace champion
    """
)
# What a poll or a record shows or finds, what someone sees in something, votes for, echoes.
_FINDING = words("show find see vote echo reiterate highlight")
# What someone puts forward, weighs or chooses ('offered a plan', 'declined to comment', 'voiced
# doubts', 'disavowed the remarks'): PolNeAR train's most frequent Cue verbs outside the lists above.
_PUTTING = words(
    """
    offer decline consider decide release portray remind identify share remember
    nominate advocate compare imply voice quote disclose publish outline invoke disavow yell email
    reference encourage comment focus rail
    """
)
OBJECT_CUES = _INTENT | _JUDGING | _FINDING | _PUTTING
# 'called for a prosecutor', 'spoke about the economy', 'pointed to his record' (but not 'spoke to
# the prime minister', 'spoke on Tuesday'): the prepositions whose object is what is meant.
OBJECT_PREPS = following(
    """
    call for on
    push for
    speak about
    talk about
    point to
    refer to
    express about
    hope for
    plan for
    vow to
    pledge to
    seek for
    demand for
    mention about
    vote for against
    comment on
    focus on
    rail against
    """
)
# Nouns that carry reported speech in a "that" clause: "the UK's view that ...".
CUE_NOUNS = words(
    """
    view position belief claim assertion insistence warning argument statement comment remark
    suggestion promise accusation allegation concern fear hope idea notion report assessment
    conclusion contention message
    """
)
# Nouns for what an actor decides, proposes, says or does: possessed, they stand for their possessor
# in an event's roles ('welcomed Buhari's decision': Buhari), where an organ or a thing a state
# has does not ('attacked Iran's parliament').
DOING_NOUNS = CUE_NOUNS | words(
    """
    decision plan policy effort attempt move proposal invitation expansion approach action step
    initiative call bid offer request demand program programme response handling conduct treatment
    stance remark
    """
)
# Heads of definite descriptions that refer back to a titled person: "the Russian foreign minister".
ROLE_NOUNS = words(
    "minister secretary counterpart president chancellor premier spokesman spokeswoman diplomat "
    "ambassador envoy leader senator governor congressman congresswoman candidate nominee mayor "
    "chairman chairwoman businessman businesswoman billionaire author founder director"
)
# Common nouns for a body: 'the company said' refers back to the last organisation named.
BODY_NOUNS = words("company firm network organization organisation agency newspaper")
# Common nouns for people and bodies that can take part in an event.
AGENT_NOUNS = words(
    """
    official government administration ministry people protester troop force army police community
    country nation lawmaker senator party voter group rebel militant authority diplomat man woman
    state court union
    """
)
# Common nouns for people who undergo acts in news ('denied entry to an Austrian journalist',
# 'arrested a local employee'): people, not things, whoever they are.
PERSON_NOUNS = words(
    """
    journalist reporter activist refugee migrant immigrant asylum-seeker civilian worker employee
    student teacher doctor nurse prisoner detainee hostage captive pilot crew sailor lawyer judge
    farmer villager resident citizen national demonstrator fighter insurgent separatist jihadist
    member suspect victim child woman man girl boy person family passenger officer policeman
    commander general chief head dissident opponent critic supporter investor trader tourist
    delegate negotiator monitor inspector aide advisor adviser staffer trainee recruit veteran
    driver miner physician surgeon scientist engineer priest monk ally partner neighbour neighbor
    """
)
# 'LONDON, March 14 (Reuters) - ': where the story was filed, not what anyone said.
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "on"}
HONORIFICS = {"mr", "mrs", "ms", "mr.", "mrs.", "ms."}
PRONOUNS = {"he", "she", "they", "i", "we"}
