"""PLOVER events: the rules' readings, countries, the decider's mechanics, the corpus adapter and
the PLOVER scores."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from extract.analysis.corpora import PLOVER_DEV_SIZE, plover, plover_split
from extract.analysis.plover import NONE, plover_score
from extract.inputs.load import Article
from extract.providers.base import Endpoint
from extract.providers.openai_compat import OpenAICompatible
from extract.rules.candidates import analyse
from extract.rules.countries import country_of
from extract.rules.news import decide_event_type, drafts
from extract.schemas import EVENTS, Actor, ArticleRecord, Event, EventDraft, EventType
from extract.strategies.hybrid import Asker


def first_event(text: str) -> tuple[EventType, list[str], list[str]] | None:
    found = analyse(text).events
    if not found:
        return None
    e = found[0]
    return e.type, [a.name for a in e.sources], [a.name for a in e.targets]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia did not agree to the plan.", EventType.REJECT),  # a refusal, not AGREE
        ("France will not lift the ban on British beef.", EventType.REJECT),
        ("The army did not attack the town.", None),  # denied violence is no event
        ("Washington threatened sanctions against Iran.", EventType.THREATEN),
        ("The EU will impose sanctions on Russia.", EventType.THREATEN),  # sanctions to come
        ("The EU imposed sanctions on Russia.", EventType.SANCTION),
        ("France will send aid to Chad.", EventType.AGREE),  # promised aid
        ("Egypt is willing to withdraw its troops from Gaza.", EventType.AGREE),
        ("The rebels released three hostages on Monday.", EventType.YIELD),
        ("Police arrested dozens of protesters in Minsk.", EventType.COERCE),
        ("Thousands of workers took to the streets of Paris.", EventType.PROTEST),
        ("The senator called for sanctions against Moscow.", EventType.REQUEST),
        ("Kerry met Lavrov in London on Friday.", EventType.CONSULT),
        ("The minister said the economy grew last year.", None),  # a statement codes nothing
        # CAMEO2PLOVER's phrases: mediation (045), human shields (184), alert status (152), a call
        ("Norway launched a mediation effort between the two rebel groups.", EventType.CONSULT),
        ("The militants used villagers as human shields.", EventType.ASSAULT),
        ("Greek troops remained on alert along the border.", EventType.MOBILIZE),
        ("Biden called Olaf Scholz on Tuesday to discuss energy prices.", EventType.CONSULT),
        ("The army intensified its bombardment of the city.", EventType.ASSAULT),
        # a verb that only starts or carries out the act its object names
        ("Turkish jets carried out strikes against Kurdish positions.", EventType.ASSAULT),
        ("The army began its offensive on Monday.", EventType.ASSAULT),
        ("Rebels violated the ceasefire in Donetsk on Sunday.", EventType.ASSAULT),
        # a dateline the parser hangs the clause on; a hyphenated noun; a strike gone on
        ("UNITED NATIONS: France and Britain on Monday vetoed a Russian draft.", EventType.REJECT),
        ("It is destabilising and that will be one question asked what is meant by this.", None),
        ("The king announced a three-day cease-fire with the rebels.", EventType.YIELD),
        ("Nurses in Lagos went on strike on Monday.", EventType.PROTEST),
        # joint military games are COOPERATE, one country's exercises MOBILIZE
        ("India and France began joint naval exercises on Monday.", EventType.COOPERATE),
        ("Greece and Turkey staged war games in the Aegean.", EventType.COOPERATE),
        ("China held military exercises near Taiwan.", EventType.MOBILIZE),
        ("Serbia and Kosovo failed to reach an agreement on Monday.", EventType.REJECT),  # not done
    ],
)
def test_the_rules_read_negation_tense_and_the_codebook(text: str, expected: EventType | None) -> None:
    found = first_event(text)
    assert (found[0] if found else None) is expected


def test_source_and_target_come_from_the_parse() -> None:
    assert first_event("Ukraine accused Russia of sending tanks.") == (
        EventType.ACCUSE,
        ["Ukraine"],
        ["Russia"],
    )
    # a passive: the agent acts on the subject
    found = first_event("Three journalists were arrested by Turkish police.")
    assert found is not None and found[1:] == (["Turkish police"], ["Three journalists"])
    # a body speaking of itself is the source ('Farc said it will release ...')
    found = first_event("Farc has said it will release the sergeant.")
    assert found is not None and found[1] == ["Farc"]
    # what a speaker says must be done is asked of the clause's subject
    assert first_event("Russia says Israel must end attacks on Syria.") == (
        EventType.REQUEST,
        ["Russia"],
        ["Israel"],
    )
    # the target of an event noun ('called for sanctions against Moscow')
    found = first_event("The senator called for sanctions against Moscow.")
    assert found is not None and found[2] == ["Moscow"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the act agreed, refused or threatened carries the target
        ("Germany has refused to send peacekeepers to Iraq.", ["Iraq"]),
        ("Egyptian authorities agreed to open its borders to Somali refugees.", ["Somali refugees"]),
        ("Iran threatened to close all borders with Iraqi Kurdistan.", ["Kurdistan"]),
        ("Egypt is willing to withdraw its troops from Gaza.", ["Gaza"]),  # withdrawn from
        ("The United States completed its withdrawal of troops from Iraq.", ["Iraq"]),
        # the recipient of what is given, also when 'to' is parsed as a dative or hangs on a quantity
        ("Ecuador has granted political asylum to Julian Assange.", ["Julian Assange"]),
        (
            "The US returned dozens of stolen artifacts to the Embassy of El Salvador.",
            ["Embassy of El Salvador"],
        ),
        # who made what is refused, who is asked or let
        ("Pakistan refused a request from Indian Prime Minister Narendra Modi.", ["Narendra Modi"]),
        ("The senator demanded that the prime minister apologize.", ["prime minister"]),
        ("Ethiopia said it would allow the World Food Program to deliver food.", ["World Food Program"]),
        # a description in apposition to a name is the name; one that would be the source is not
        ("Theresa May has held talks with the Irish premier Leo Varadkar.", ["Leo Varadkar"]),
        ("Hun Sen held a meeting on Tuesday with the former president of the party.", ["former president"]),
        ("Armenian police detained dozens of demonstrators in Yerevan.", ["demonstrators"]),
        ("Pakistan summoned France's ambassador on Monday.", ["France's ambassador"]),  # not "'s ambassador"
        # an act refused is refused its target; a condemned act is the target as written
        ("The UK prime minister has cancelled a planned visit to Washington.", ["Washington"]),
        ("Guterres condemned the terrorist attack on a church.", ["terrorist attack"]),
        # a named place where the act names no one; force used on a thing stays on the thing
        ("The German government agreed to set up a new company in Berlin.", ["Berlin"]),
        ("The Taliban attacked an army base in Kandahar province.", ["army base"]),
        # the place reached through the act's object and its phrases
        ("The army imposed a curfew in parts of Kashmir on Monday.", ["Kashmir"]),
        ("Spain lifted its two-day blockade of Portugal.", ["Portugal"]),
        ("The rebels declared a unilateral ceasefire effective from Monday in Sudan.", ["Sudan"]),
        ("The charity agreed to build schools and a clinic for nurses in Kenya.", ["Kenya"]),
        # an object that names the act with its verb is no recipient: its place is
        ("The president declared a state of emergency in Ecuador.", ["Ecuador"]),
        # an organ or a thing a state has is named with it; an act it decides stands for it
        ("Rebels attacked Iran's parliament on Monday.", ["Iran's parliament"]),
        ("The court convicted Germany's largest bank of fraud.", ["Germany's largest bank"]),
        ("The EU welcomed Buhari's decision to free the prisoners.", ["Buhari"]),
        ("The EU welcomed the decision of the Lagos State Government.", ["Lagos State Government"]),
        ("Merkel welcomed Macron's invitation to Vladimir Putin.", ["Macron"]),
        # a refusal's recipient is an entity: who must act first, else none ('the outcome' is none)
        ("The union will not end the strike until the ministry raises wages.", ["ministry"]),
        ("Europe will not recognise the outcome of the vote.", []),
        ("The rebels will not release the two pilots until a ransom is paid.", ["two pilots"]),
        ("The rebels will not release the journalist.", ["journalist"]),  # no act: who undergoes it
        # an event noun with no one's name: where it holds; who is consulted, not the topic
        ("Leaders attended a summit in Kenya on Monday.", ["Kenya"]),
        ("Erdogan discussed Syria with Vladimir Putin by phone.", ["Vladimir Putin"]),
        # who a gift is for, from its purpose; people named only as people are where they live
        ("Japan gave $5 million to support Afghan refugees.", ["Afghan refugees"]),
        ("Japan gave $5 million to help people in Kenya.", ["Kenya"]),
        ("Germany provided tents to 20,000 people after the floods in Pakistan.", ["Pakistan"]),
        # what is given to a force or mission is given to where it serves
        ("Spain is ready to contribute troops to the UN peacekeeping force in Mali.", ["Mali"]),
        # a thing acted on is no recipient: where the act is directed is
        ("Washington announced a suspension of aid in Yemen on Friday.", ["Yemen"]),
        # a thing of someone's is theirs; whose release or extradition is who undergoes it
        ("Canada said it would recognise Kosovo's independence from Serbia.", ["Kosovo"]),
        ("A Dutch court ordered the journalist's release on Monday.", ["journalist"]),
        ("A judge approved the extradition of the former mayor to Spain.", ["former mayor"]),
        # force that breaks someone's ceasefire is used on them
        ("Rebels violated Colombia's ceasefire in the north.", ["Colombia"]),
        # victims named only by number are named by what was attacked, else where
        ("A rebel attack on a police station has killed at least 12 soldiers.", ["police station"]),
        ("Three people were killed when militants launched an attack on a hotel.", ["hotel"]),
        ("Gunmen killed 30 people in a series of raids in Nigeria on Sunday.", ["Nigeria"]),
        ("Gunmen killed two Kenyan soldiers near the border.", ["two Kenyan soldiers"]),
        # those a number or a group counts; people who undergo an act are actors
        ("Hackers attacked a number of Estonian bank websites.", ["Estonian bank websites"]),
        ("Russia denied entry to a Polish journalist on Monday.", ["Polish journalist"]),
        # an actor reached through an event noun's phrases before a thing
        ("Washington announced a suspension of aid to Egypt over the coup.", ["Egypt"]),
        # who made what is condemned or refused
        ("The court rejected an appeal filed by lawyers of the former mayor.", ["lawyers"]),
        ("The ministers condemned the threats made by the Iranian government.", ["Iranian government"]),
        # an act done by calling someone is directed at who is called
        ("Macron called Angela Merkel on Monday to discuss the migrant crisis.", ["Angela Merkel"]),
        # who the act is of or was imposed on, through an act named as object
        ("The president conceded to the demands of the striking miners.", ["striking miners"]),
        ("Canada decided to lift the sanctions imposed on Iran last year.", ["Iran"]),
        ("Chile lifted the embargo it had imposed on Bolivia.", ["Bolivia"]),
        # what is given or offered goes to its recipient, also past a clause or in a passive
        ("Italy returned two statues that date back to the Roman era to Greece.", ["Greece"]),
        ("The stolen painting was returned by French police to the Louvre.", ["Louvre"]),
        ("Japan agreed to offer a loan package to the Kenyan government.", ["Kenyan government"]),
        # an event noun as subject: where its verb holds
        ("Indian troops remained on alert in Kashmir on Sunday.", ["Kashmir"]),
        # a mediator's recipients are the parties; an alert status is no one
        ("Norway launched a mediation effort between Colombia and the FARC.", ["Colombia", "FARC"]),
        ("Greek troops remained on alert along the border on Sunday.", []),
        ("The militants used villagers as human shields.", ["villagers"]),
        # the act named by a light verb's object has its own target, or the participle's beside it
        ("Estonia launched cyber warfare against Latvia.", ["Latvia"]),
        ("The senate conducted an investigation into the central bank.", ["central bank"]),
        ("A nurse started a hunger strike, protesting the new labour law.", ["new labour law"]),
        # neither the act itself nor what a protest is for is its recipient
        ("Teachers in Chicago went on strike for better pay.", []),
        # a preposition that aims the act wins over one that places it; a clause gives its subject;
        # an act noun's participle is aimed at its object
        (
            "Apple filed a lawsuit in the U.S. District Court for the Southern District of New York "
            "against a Swiss firm.",
            ["Swiss firm"],
        ),
        ("Police opened an investigation into whether the mayor took bribes.", ["mayor"]),
        ("The families filed a lawsuit accusing the Sinaloa cartel of murder.", ["Sinaloa cartel"]),
        # whose goods a ban on trade is aimed at
        ("Russia agreed to lift its ban on imports of Polish apples.", ["Polish apples"]),
        # a concession answers whoever it follows an agreement with
        (
            "Dock workers called off their strike after an agreement with the port authority.",
            ["port authority"],
        ),
    ],
)
def test_the_target_follows_plovers_roles(text: str, target: list[str]) -> None:
    found = first_event(text)
    assert found is not None and found[2] == target


@pytest.mark.parametrize(
    ("text", "sources", "target"),
    [
        ("Japan and South Korea signed a trade agreement on Monday.", ["Japan", "South Korea"], []),
        ("Chile and Peru agreed to a truce along their border in the Andes.", ["Chile", "Peru"], []),
        # conjoined modifiers name two parties; people conjoined to a name are a party too
        (
            "German and French negotiators reached a deal on Friday.",
            ["German negotiators", "French negotiators"],
            [],
        ),
        ("Kuwait and its allies agreed to hold a joint exercise.", ["Kuwait", "its allies"], []),
        # each state's organ is a party; a passive act noun's agents act
        ("The armies of Chile and Peru held joint exercises.", ["Chile", "Peru"], []),
        (
            "The joint exercise was staged by Greek and Cypriot forces.",
            ["Greek forces", "Cypriot forces"],
            [],
        ),
        # what they agree on is no party
        ("Chile and Peru reached an agreement on Senate Bill 12.", ["Chile", "Peru"], []),
        # a joint act failed is still theirs alone
        ("Serbia and Kosovo failed to reach an agreement on the border.", ["Serbia", "Kosovo"], []),
        # directed at someone else, it is no longer reciprocal
        ("France and Germany agreed to send aid to Ukraine.", ["France", "Germany"], ["Ukraine"]),
    ],
)
def test_a_reciprocal_act_has_every_party_as_actor_and_no_recipient(
    text: str, sources: list[str], target: list[str]
) -> None:
    found = first_event(text)
    assert found is not None and found[1:] == (sources, target)


def test_the_evidence_is_the_clause_that_states_the_event() -> None:
    def evidence(text: str) -> tuple[str, list[str], str | None] | None:
        found = analyse(text).events
        return (found[0].sentence, [a.name for a in found[0].sources], found[0].time) if found else None

    # a threat made by saying it is the speaker's, and its clause starts at the saying; the names
    # of a list stay in it
    assert evidence("Kerry says U.S., EU may impose sanctions as soon as Monday.") == (
        "Kerry says U.S., EU may impose sanctions as soon as Monday",
        ["Kerry"],
        "Monday",
    )
    # a hyphen is no aside; a date in an aside dates something else
    assert evidence(
        "Kerry and Lavrov are meeting in a last-ditch effort as a vote looks set for Sunday."
    ) == (
        "Kerry and Lavrov are meeting in a last-ditch effort",
        ["Kerry", "Lavrov"],
        None,
    )
    assert evidence("The EU imposed such sanctions.") is not None  # the verb still states one
    assert evidence("Such sanctions would hurt.") is None  # no sanctions in particular
    assert evidence("The marchers met on March 14.") is not None and evidence("March 14 was cold.") is None


def test_strict_matching_names_an_events_actors_as_it_names_a_speaker() -> None:
    from extract.analysis.matching import values_agree

    gold = [Actor(name="international community", kind="organization"), Actor(name="Russia", kind="country")]
    same_names = [Actor(name="Russia", kind="country", country="RUS"), Actor(name="international community")]
    assert values_agree(same_names, gold, lenient=False)  # by name exactly, in any order
    assert not values_agree([Actor(name="Russia")], gold, lenient=False)  # one actor missing
    assert not values_agree([*same_names, Actor(name="Ukraine")], gold, lenient=False)  # one too many
    assert not values_agree([Actor(name="the Russians"), same_names[1]], gold, lenient=False)
    found = analyse("Ukraine has made clear it is willing to negotiate with Russia.").events
    assert [e.sentence for e in found] == ["Ukraine has made clear it is willing to negotiate with Russia"]


def test_a_title_the_parser_takes_for_a_name_is_the_person_named_with_it() -> None:
    text = (
        "US Secretary of State John Kerry arrived in London. Talks between Sergei Lavrov and the US "
        "Secretary of State began on Friday."
    )
    found = analyse(text).events
    assert found and [a.name for a in found[-1].sources] == ["Sergei Lavrov", "John Kerry"]


def test_a_possessed_person_is_named_with_the_possessor() -> None:
    found = first_event("Nepal's government accepts the key demands by protesters.")
    assert found is not None and found[1:] == (["Nepal's government"], ["protesters"])


def test_state_actors_get_their_country_and_others_do_not() -> None:
    assert country_of("Moscow", "country") == "RUS"
    assert country_of("the Kremlin", "organization") == "RUS"
    assert country_of("Russian officials", "other") == "RUS"
    assert country_of("John Kerry", "person") is None
    assert country_of("an Israeli surveillance company", "other") is None  # from a country, not the state
    drafted = drafts(Article("a", "a", "Moscow warned Kyiv on Monday."), (EVENTS,), RulesOnly())
    [(_, event, _)] = drafted
    assert isinstance(event, EventDraft) and [a.country for a in event.source] == ["RUS"]


def test_an_event_draft_refuses_a_mode_of_another_category() -> None:
    with pytest.raises(ValueError, match="not a mode of CONSULT"):
        EventDraft(type=EventType.CONSULT, mode="troops", evidence="x")
    assert EventDraft(type=EventType.MOBILIZE, mode="troops", evidence="x").mode == "troops"


class RulesOnly:
    decide_all = False

    def choose(self, prompt_name: str, options: list[str], description: str, **values: str) -> str:
        return options[0]


class Recording:
    """A chooser that answers ``answer`` and records what it was asked."""

    def __init__(self, answer: str, decide_all: bool = False) -> None:
        self.answer, self.decide_all = answer, decide_all
        self.asked: list[tuple[str, list[str], dict[str, str]]] = []

    def choose(self, prompt_name: str, options: list[str], description: str, **values: str) -> str:
        self.asked.append((prompt_name, options, values))
        return self.answer


def test_the_decider_is_asked_only_where_the_rules_are_unsure_unless_told_to_decide_all() -> None:
    sure = analyse("Police arrested dozens of protesters in Minsk.").events[0]
    unsure = analyse("France will send aid to Chad.").events[0]  # a reading, not the lexicon's own
    ask = Recording("AID")
    assert decide_event_type(ask, sure) is EventType.COERCE and not ask.asked
    assert decide_event_type(ask, unsure) is EventType.AID
    [(prompt, options, values)] = ask.asked
    assert prompt == "event_type" and options[0] == "AGREE" and sorted(options) == sorted(EventType)
    assert "ASSAULT: deliberate actions" in values["definitions"]  # the codebook's definitions
    everything = Recording("ASSAULT", decide_all=True)
    assert decide_event_type(everything, sure) is EventType.ASSAULT and len(everything.asked) == 1


def test_the_decider_over_a_real_http_server_answers_from_the_grammar(fake_server: Any) -> None:
    server = fake_server(lambda r: (200, json.dumps({"choice": "AID"})))
    ask = Asker(OpenAICompatible(Endpoint(server.base_url, "fake")))
    unsure = analyse("France will send aid to Chad.").events[0]
    assert decide_event_type(ask, unsure) is EventType.AID and ask.usage.calls == 1
    [request] = server.requests
    options = request["tools"][0]["function"]["parameters"]["properties"]["choice"]["enum"]
    assert options[0] == "AGREE" and sorted(options) == sorted(EventType)  # one of the categories
    assert "AGREE: agree to, offer" in json.dumps(request["messages"])  # with their definitions
    rules_only = Asker(OpenAICompatible(Endpoint(server.base_url, "fake")), use_model=False)
    assert decide_event_type(rules_only, unsure) is EventType.AGREE and len(server.requests) == 1


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, ["text", "label", "source", "target", "sentence_id"])
        out.writeheader()
        for n in range(rows):
            text = f"Country {n} attacked its neighbour."
            out.writerow(
                {
                    "text": text,
                    "label": "ASSAULT",
                    "source": f"Country {n}",
                    "target": "neighbour",
                    "sentence_id": str(n),
                }
            )


def test_the_plover_split_is_fixed_and_disjoint(tmp_path: Path) -> None:
    write_csv(tmp_path / "train.csv", 400)
    dev = [a.id for a, _ in plover(tmp_path, "dev")]
    train = [a.id for a, _ in plover(tmp_path, "train")]
    assert len(dev) == PLOVER_DEV_SIZE and len(train) == 400 - PLOVER_DEV_SIZE and not set(dev) & set(train)
    assert dev == [a.id for a, _ in plover(tmp_path, "dev")]  # the same sentences every time
    [(article, gold)] = list(plover(tmp_path, "all"))[:1]
    [event] = gold.of("events")
    assert (
        isinstance(event, Event) and event.type is EventType.ASSAULT and event.source[0].name == "Country 0"
    )
    assert article.text[event.start : event.end] == event.evidence
    with (tmp_path / "train.csv").open("a", encoding="utf-8", newline="") as fh:  # no recipient coded
        csv.writer(fh).writerow(["Babis agreed to resign.", "AGREE", "Babis", "recipient", "400"])
    [event] = list(plover(tmp_path, "all"))[-1][1].of("events")
    assert isinstance(event, Event) and event.target == [] and event.source[0].name == "Babis"
    with pytest.raises(ValueError, match="unknown PLOVER split"):
        plover_split([], "test")


def rec(article: str, *events: tuple[str, list[str], list[str]]) -> ArticleRecord:
    text = "A sentence."
    items = [
        Event(
            type=EventType(t),
            source=[Actor(name=s) for s in src],
            target=[Actor(name=g) for g in tgt],
            evidence=text,
            start=0,
            end=len(text),
        )
        for t, src, tgt in events
    ]
    return ArticleRecord(
        article_id=article,
        source="",
        text_sha256=article,
        items={"events": items},
        model="m",
        strategy="s",
        prompt_version="p",
    )


def test_plover_scores_per_category_confusion_majority_and_roles() -> None:
    gold = [
        rec("1", ("ASSAULT", ["Russia"], ["Ukraine"])),
        rec("2", ("ASSAULT", ["Rebels"], [])),
        rec("3", ("AID", ["France"], ["Chad"])),
    ]
    pred = [
        rec("1", ("ASSAULT", ["Russian forces", "Russia"], ["Kyiv"])),
        rec("2", ("AID", ["rebels"], [])),
        rec("3"),
    ]
    s = plover_score(pred, gold)
    assert s is not None
    assert s.confusion == {("ASSAULT", "ASSAULT"): 1, ("ASSAULT", "AID"): 1, ("AID", NONE): 1}
    assert s.accuracy == pytest.approx(1 / 3) and s.majority == ("ASSAULT", pytest.approx(2 / 3))
    assert s.prf("ASSAULT") == (1.0, 0.5, pytest.approx(2 / 3), 2)
    assert s.prf("AID")[:2] == (0.0, 0.0)  # predicted once, wrongly; its one gold event missed
    assert s.macro_f1 == pytest.approx(1 / 3)
    assert s.agreement("source") == pytest.approx(2 / 3)  # 'Russia' and 'rebels' agree; France missed
    assert s.agreement("target") == 0.0 and s.agreement("target", paired_only=True) == 0.0
    assert plover_score(pred, [rec("9")]) is None  # no gold events: nothing to score


def test_a_reciprocal_prediction_is_scored_by_its_dyads_against_dyadic_gold() -> None:
    gold = [
        rec("1", ("AGREE", ["Japan"], ["South Korea"])),
        rec("2", ("AGREE", ["Chile"], ["Peru"])),
        rec("3", ("AGREE", ["Chile"], ["Peru"])),
    ]
    pred = [
        rec("1", ("AGREE", ["Japan", "South Korea"], [])),  # PLOVER's reciprocal coding: agrees
        rec("2", ("AGREE", ["Chile", "Bolivia"], [])),  # Peru is no party: no agreement
        rec("3", ("AGREE", ["Chile", "Peru"], ["a truce"])),  # a recipient named: no expansion
    ]
    s = plover_score(pred, gold)
    assert s is not None
    assert s.agreement("target") == pytest.approx(1 / 3) and s.target["reciprocal"] == 1
    assert s.agreement("source") == 1.0


def test_the_report_colours_events_by_category_and_shows_the_confusion_against_gold() -> None:
    from extract.analysis.report import render

    text = "A sentence."
    pred, gold = rec("1", ("ASSAULT", ["Russia"], [])), rec("1", ("AID", ["France"], []))
    page = render([pred], {"1": text}, {"1": gold})
    assert 'class="item k-events c-ASSAULT' in page and 'class="seg c-AID c-ASSAULT k-events"' in page
    assert 'id="categories"' in page and "ASSAULT</span>" in page  # the legend names the category
    assert 'id="confusion"' in page and 'title="gold AID, predicted ASSAULT: 1"' in page
    assert 'id="confusion"' not in render([pred], {"1": text})  # no gold, no heatmap


def test_a_decider_call_that_fails_keeps_the_rules_category(fake_server: Any) -> None:
    server = fake_server(lambda r: (200, "not json at all"))
    ask = Asker(OpenAICompatible(Endpoint(server.base_url, "fake")))
    unsure = analyse("France will send aid to Chad.").events[0]
    # before: the garbage answer failed the whole article, the rules' items with it
    assert decide_event_type(ask, unsure) is EventType.AGREE
    assert ask.usage.incomplete == 1 and ask.usage.calls >= 1  # not cached: asked again later


def test_hybrid_keeps_the_rules_category_where_unsure_and_hybrid_all_asks(fake_server: Any) -> None:
    """The model's category over the codebook measured worse than the rules' own reading of an
    unsure sentence (PLOVER dev part), so the default's `hybrid` does not ask it; `hybrid-all` does."""
    from extract.strategies.hybrid import run_hybrid, run_hybrid_all

    server = fake_server(lambda r: (200, json.dumps({"choice": "AID"})))
    article = Article(id="a", source="a.txt", text="France will send aid to Chad.")
    provider = OpenAICompatible(Endpoint(server.base_url, "fake"))
    grounded, usage = run_hybrid(article, (EVENTS,), provider)
    assert [e.type for e in grounded.items["events"]] == [EventType.AGREE] and usage.calls == 0
    grounded, usage = run_hybrid_all(article, (EVENTS,), provider)
    assert [e.type for e in grounded.items["events"]] == [EventType.AID] and usage.calls == 1


def test_a_model_sample_is_spread_over_the_categories() -> None:
    from benchmarks.quality import spread

    # The dev part is ordered by category: its first 30 sentences were all ACCUSE.
    assert spread(list(range(10)), 3) == [0, 3, 6] and spread([1, 2], 5) == [1, 2]


def test_quality_scores_the_model_on_a_small_plover_sample_beside_the_rules(
    fake_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from benchmarks import quality

    server = fake_server(lambda r: (200, json.dumps({"quotes": [], "events": [], "positions": []})))
    (tmp_path / "plover").mkdir()
    write_csv(tmp_path / "plover" / "train.csv", 260)
    monkeypatch.setattr(quality, "DEFAULT_CORPORA", tmp_path)
    argv = ["quality.py", "--strategies", "whole", "--base-url", server.base_url, "--model", "fake"]
    argv += ["--polnear", "0", "--no-seeds", "--plover", "6", "--plover-model", "2"]
    monkeypatch.setattr(sys, "argv", argv)
    quality.main()
    rows = [line for line in capsys.readouterr().out.splitlines() if " PLOVER" in line]
    # the rules (added, as none was asked for) on all 6 and on the model's 2; the model on its 2
    assert [r.split()[0] for r in rows[-3:]] == ["rules", "rules", "whole"]
    assert [r.rsplit(",", 1)[1].strip() for r in rows[-3:]] == ["6 sentences", "2 sentences", "2 sentences"]
    assert "PLOVER sample of 2" in rows[-2] and all("s/sentence" in r for r in rows)
    assert len(server.requests) == 2  # one call a sentence, on the sample only
