"""Grammatical gender of a named person, where the article or the name makes it plain, so that a
'she' is never resolved to a man named just before her ('Melania Trump tells supporters that ...
She says ...' is not Donald Trump's).

Only evidence that rarely misleads counts: an honorific or a gendered role word right before the
name, or a first name that is almost always one gender in English-language news. Anything else is
unknown, and an unknown person stays a candidate for either pronoun.
"""

from __future__ import annotations

from typing import Literal

from extract.rules.lexicons import meaning, words

Gender = Literal["f", "m"]

_WORDS: dict[str, Gender] = meaning(
    {
        "f": "mrs mrs. ms ms. miss madam lady congresswoman spokeswoman chairwoman businesswoman actress "
        "wife mother daughter sister queen",
        "m": "mr mr. sir congressman spokesman chairman businessman actor husband father son brother king",
    }
)
_PRONOUNS: dict[str, Gender] = {"she": "f", "her": "f", "he": "m", "him": "m", "his": "m"}
# Common first names in US, UK and international political news, each almost always one gender.
_FEMALE = words(
    "hillary melania ivanka michelle nancy elizabeth sarah carly kelli loretta ruth susan kellyanne "
    "hope sheryl theresa angela marine nicola jeanne jill jane mary margaret patricia barbara linda "
    "jennifer maria karen lisa donna sandra carol amy rebecca laura emily anna julia catherine "
    "katherine kathleen kate diane dianne debbie deborah heidi kirsten tammy claire maxine "
    "kamala tulsi nikki condoleezza madeleine samantha valerie huma megyn rachel sheila cynthia "
    "janet christine ann anne joni susana martha marsha betsy chelsea ellen gloria "
    "hilary yvette harriet priti andrea liz arlene federica ursula christiana dilma cristina "
    "michele sally joan helen alice emma olivia sophia victoria natalie rosa irene monica "
    "stephanie jessica ashley brenda pamela shirley virginia judith judy janice frances"
)
_MALE = words(
    "donald barack bill john joe bernie ted marco jeb chris ben mike michael paul mitch harry "
    "george ronald jimmy richard robert james william david mark steve stephen thomas tom "
    "charles peter frank jeff jeffrey tim timothy scott rand rick newt reince corey "
    "sean kevin eric jared rudy vladimir sergei dmitry boris francois emmanuel xi recep "
    "benjamin mahmoud bashar hassan ali mohammed muhammad ahmed abdel viktor petro arseniy "
    "jim jack kenneth ken larry gary dennis jerry roger bob brian andrew anthony daniel "
    "matthew joseph edward patrick jason ryan adam justin nicholas jonathan jon jose carlos "
    "luis juan martin alan allen howard henry walter raymond gregory samuel frederick "
    "lamar orrin chuck dick al elijah jesse cory sherrod"
)


def gender_of(name: str, words_before: set[str]) -> Gender | None:
    """'f', 'm' or None for a person called ``name``, with the words right before a mention."""
    said = {g for w in words_before if (g := _WORDS.get(w)) is not None}
    if len(said) == 1:
        return said.pop()
    first = name.split()[0].lower() if name.split() else ""
    if first in _FEMALE:
        return "f"
    if first in _MALE:
        return "m"
    return None


def pronoun_gender(pronoun: str) -> Gender | None:
    """The gender a personal pronoun asks for ('she' -> 'f'); None for 'they', 'I', 'we'."""
    return _PRONOUNS.get(pronoun.lower())
