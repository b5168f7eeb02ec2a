"""False alarms of the event rules on news sentences that state no PLOVER event.

Samples sentences from PolNeAR dev articles (fixed seed), runs the rules on each sentence alone,
and scores them against hand judgements kept in plover_no_event.tsv beside this script (article,
sentence offset, 'event' or 'none': whether the sentence states an event PLOVER codes, judged
against the codebook by a reader). Prints the share of 'none' sentences the rules leave without an
event. ``--show`` prints the sample with the rules' output, for judging.

    python benchmarks/plover_no_event.py [--show] [--size 130]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from extract.analysis.corpora import DEFAULT_CORPORA
from extract.inputs.load import Article
from extract.rules.news import drafts
from extract.schemas import EVENTS, EventDraft

JUDGED = Path(__file__).with_name("plover_no_event.tsv")


class RulesOnly:
    decide_all = False

    def choose(self, prompt_name: str, options: list[str], description: str, **values: str) -> str:
        return options[0]


def sample(size: int, seed: int = 0) -> list[tuple[str, int, str]]:
    """(article id, sentence offset, sentence) for ``size`` sentences of PolNeAR dev articles."""
    from extract.rules.parse import nlp

    found: list[tuple[str, int, str]] = []
    for path in sorted((DEFAULT_CORPORA / "polnear" / "dev" / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for para_start, para in _paragraphs(text):
            for sent in nlp()(para).sents:
                words = sent.text.strip()
                if len(words.split()) >= 6:
                    found.append((path.stem, para_start + sent.start_char, words))
    return random.Random(seed).sample(found, size)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in text.split("\n"):
        if part.strip():
            out.append((pos, part))
        pos += len(part) + 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the sample with the rules' events")
    parser.add_argument("--size", type=int, default=130)
    args = parser.parse_args()
    if not (DEFAULT_CORPORA / "polnear" / "dev").is_dir():
        print("skipped: the PolNeAR corpus is absent", file=sys.stderr)
        return 0
    judged = {}
    if JUDGED.exists():
        for line in JUDGED.read_text(encoding="utf-8").splitlines()[1:]:
            article, offset, verdict = line.split("\t")[:3]
            judged[(article, int(offset))] = verdict
    none = quiet = 0
    for article, offset, sentence in sample(args.size):
        events = [d for _, d, _ in drafts(Article(article, article, sentence), (EVENTS,), RulesOnly())]
        found = ", ".join(f"{e.type.value} ({e.evidence[:40]})" for e in events if isinstance(e, EventDraft))
        verdict = judged.get((article, offset))
        if args.show:
            print(f"{article}\t{offset}\t{verdict or '?'}\t{found or '-'}\t{sentence}")
        if verdict == "none":
            none += 1
            quiet += not events
    if none:
        print(
            f"sentences judged to state no PLOVER event: {none}; the rules put no event on {quiet} "
            f"({quiet / none:.0%})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
