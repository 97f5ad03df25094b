"""The prose reader's regular expressions, compiled once per process from the lexicon.

Every word they match comes from ``data/lexicon/``; the code only says how the
words combine (a place name after a locative preposition, a number before a
counted noun). :func:`patterns_for` is cached on the :class:`Lexicon`, which is
hashable by identity, so a series of articles compiles them once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from aleppo_kg.lexicon import Lexicon
from aleppo_kg.text.literals import Literals, needed_literals

# The cue type of a death with no act named ("were killed"): resolved from who was killed.
KILLING = "killing"


@dataclass(frozen=True)
class Cue:
    """A phrase that says what kind of event a clause reports."""

    regex: str  # matched case-insensitively
    event_type: str
    priority: int
    standalone: bool
    verbal: bool = False  # written as a verb ("<shell>"): "the army shelled" is a new act
    needs: Literals | None = None  # words it cannot match without: a clause lacking them is skipped

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The cue compiled when a clause first holds its words: an article needs a few."""
        return re.compile(self.regex, re.IGNORECASE)


@dataclass(frozen=True)
class Patterns:
    """What the prose reader matches, built from one lexicon."""

    cues: tuple[Cue, ...]
    cue_words: Literals  # every word a cue needs (text/literals.py): looked for once a clause
    priorities: dict[str, int]  # event type -> its strongest cue's priority
    clause_split: re.Pattern[str]  # ", while", "after which": where a clause starts
    background_lead: re.Pattern[str]  # "As ...,": a sentence's background opening
    new_event: tuple[str, ...]  # "Also,", "Meanwhile,": an undated sentence's new event
    description: re.Pattern[str]  # "The town was a ...": a sentence that only describes
    conflict_nouns: frozenset[str]  # "clashes", "offensive": in a name, no cue
    refers_back: re.Pattern[str]  # "those ", "the ": a cue noun after it was told before
    goes_on: re.Pattern[str]  # " continuing": the act of the cue before it goes on
    negation: re.Pattern[str]  # "not": no act happened
    function_words: frozenset[str]
    place_names: re.Pattern[str]  # the gazetteer's names
    actor_names: re.Pattern[str]  # known organisations and groups of people
    source_names: re.Pattern[str]  # known sources ("the SOHR")
    date: re.Pattern[str]  # a written date
    background_date: tuple[str, ...]  # "since": a later date dates only the background
    range_start: re.Pattern[str]  # "between", "from": a range of dates follows
    range_end: re.Pattern[str]  # " until ", ", ending on ": the second date ends the range
    range_day: re.Pattern[str]  # "between 3 and ": a day before the date that ends its range
    days_after: re.Pattern[str]  # ", days after": the week before a date
    leading_up: re.Pattern[str]  # "in the weeks leading up to": a stretch before a date
    relative_days: tuple[tuple[re.Pattern[str], int], ...]  # "the next day": days after
    days_later: re.Pattern[str]  # "two days later"
    over_the_next: re.Pattern[str]  # "Over the next three weeks"
    unknown_place: re.Pattern[str]  # where a name the gazetteer lacks is a place
    demonym: re.Pattern[str]  # "Syrian", "Lebanese": no place
    conflict_region: re.Pattern[str]  # "the countryside": the conflict's region
    settlement_anaphor: re.Pattern[str]  # "the city", "the town": the one just named
    site_anaphor: re.Pattern[str]  # "the airport": a site of the place just named
    place_noun_of: re.Pattern[str]  # "the village of X": X is a place
    region_lead: re.Pattern[str]  # "northern ", "west of ": a place named as a region
    region_tail: re.Pattern[str]  # " province", " countryside"
    locator: re.Pattern[str]  # "town in", "outside": a place that only locates another
    outcome_after: re.Pattern[str]  # an outcome after a bare number ("and five injured")
    outcome_after_noun: re.Pattern[str]  # an outcome after the counted noun
    outcome_before: re.Pattern[str]  # an outcome before the number ("killing four")
    outcome_anywhere: re.Pattern[str]  # an outcome later in the clause
    indefinite: frozenset[str]  # "a", "an", "another": one, not a count
    others: frozenset[str]  # "others": the category counted before
    attribution: re.Pattern[str]  # "according to the ": a source follows
    reported_by: re.Pattern[str]  # "the SOHR, ..., said"
    reporting_subject: re.Pattern[str]  # "Activists said": the sentence's subject reports
    attack_verbs: re.Pattern[str]  # the actor before it attacks
    target: re.Pattern[str]  # "against the ": the actor after it is a target

    def priority(self, event_type: str) -> int:
        """How strongly the lexicon's cues say ``event_type`` (0 for none)."""
        return self.priorities.get(event_type, 0)


def place_name(lexicon: Lexicon) -> str:
    """A place name: capitalised words, with Arabic articles ("Maarat al-Sidr", "Al-Bab")."""
    article = lexicon.particle
    word = r"[\w'’-]+"
    return rf"(?:{article})?[A-Z]{word}(?: (?:{article})?[A-Z]{word}| (?:{article}){word}){{0,2}}"


def names_pattern(names: list[str]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word, the longest first, case-insensitive."""
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w'’-])", re.IGNORECASE
    )


_VERB = re.compile(r"<([a-z-]+)>")  # "<retake>" in a cue: the verb's inflected forms
_WORDS = re.compile(r"\{([a-z-]+)\}")  # "{territory-noun}" in a cue: cues.tsv's words of it
_SIBILANT = ("s", "x", "z", "ch", "sh")


def inflections(verb: str, irregular: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The inflected forms of ``verb`` (not the bare form, mostly an infinitive: "to capture").

    The table lists verbs English inflects otherwise; the rest follow the regular rules.
    """
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        return (verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    if verb.endswith("e"):
        stem = verb if verb.endswith("ee") else verb[:-1]
        return (verb + "s", verb + "d", stem + "ing")
    third = verb + "es" if verb.endswith(_SIBILANT) else verb + "s"
    return (third, verb + "ed", verb + "ing")


def cue_regex(phrase: str, lexicon: Lexicon, lists: bool = True) -> str:
    """A cue of ``event_cues.tsv`` as a regex: its verbs inflected, its word lists spelled out.

    Without ``lists`` a word list is one character of any kind: the cue's shape, which
    needs no more than the cue (every literal it has, the cue has too) and is parsed in a
    fraction of the time, for :func:`needed_literals`.
    """

    def forms(match: re.Match[str]) -> str:
        return "(?:" + "|".join(inflections(match.group(1), lexicon.verb_forms)) + ")"

    def words(match: re.Match[str]) -> str:
        return f"(?:{lexicon.alternation(match.group(1)) if lists else '.'})"

    return _WORDS.sub(words, _VERB.sub(forms, phrase))


def _cues(lexicon: Lexicon) -> tuple[Cue, ...]:
    return tuple(
        Cue(
            rf"\b{cue_regex(c.phrase, lexicon)}\b",
            c.event_type,
            c.priority,
            c.standalone,
            c.phrase.startswith("<"),
            needed_literals(cue_regex(c.phrase, lexicon, lists=False), re.IGNORECASE),
        )
        for c in lexicon.event_cues
    )


def _unknown_place(lexicon: Lexicon) -> re.Pattern[str]:
    """Where English puts a place name the gazetteer may lack.

    After a locative preposition ("near Maarat al-Sidr"), a part of a place ("the
    centre of Kafr Dalaba"), a verb that takes a place ("shelled Khirbet Nasma"),
    or before a site noun ("the Tell Hazuna airbase").
    """
    locative = lexicon.alternation("locative")
    parts = lexicon.alternation("place-part")
    verbs = lexicon.alternation("place-verb")
    sites = lexicon.alternation("site")
    before = rf"\b(?:{locative}|(?:{parts}) of|{verbs}) "
    name = place_name(lexicon)
    return re.compile(rf"{before}({name})|\bthe ({name}) (?:{sites})\b")


def _date(lexicon: Lexicon) -> re.Pattern[str]:
    """Written dates: "6 April", "April 28", "17 may 2012", "During March", "late July", "2011"."""
    months = "|".join(sorted(lexicon.months, key=len, reverse=True))
    year = r"(?:,? \d{4})?"
    lead = rf"(?:{lexicon.alternation('date-lead')})[- ]"
    return re.compile(
        rf"\b(?:\d{{1,2}} (?:{months})\b{year}|(?:{months}) \d{{1,2}}(?!\d){year}"
        rf"|{lead}(?:{months})\b{year}|(?:{months}) \d{{4}}|(?<=\bin )\d{{4}})",
        re.IGNORECASE,
    )


def _relative_days(lexicon: Lexicon) -> tuple[tuple[re.Pattern[str], int], ...]:
    """ "the same day", "the next day": how many days after the last date, in table order."""
    shifts = {"same-day": 0, "next-day": 1}
    return tuple(
        (re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE), shifts[meaning])
        for phrase, meaning in lexicon.cues
        if meaning in shifts
    )


def _outcome_patterns(lexicon: Lexicon, outcomes: str) -> dict[str, re.Pattern[str]]:
    """Where a verb says what happened to the counted, relative to the number and noun."""
    aux = lexicon.alternation("auxiliary")
    aux_noun = lexicon.alternation("auxiliary", "reported-auxiliary")
    return {
        "outcome_after": re.compile(rf"[\"'”]?\s*(?:(?:{aux})\s+)*({outcomes})\b", re.IGNORECASE),
        "outcome_after_noun": re.compile(
            rf"\s*(?:(?:{aux_noun})\s+)*({outcomes})\b", re.IGNORECASE
        ),
        "outcome_before": re.compile(rf"\b({outcomes})\s+(?:at\s+)?$", re.IGNORECASE),
        "outcome_anywhere": re.compile(rf"\b({outcomes})\b", re.IGNORECASE),
    }


def _place_patterns(lexicon: Lexicon) -> dict[str, re.Pattern[str]]:
    """Words around a place name: what it refers back to, and how it is described."""
    region_noun = lexicon.alternation("region-noun")
    return {
        "demonym": re.compile(rf"(?:{lexicon.alternation('demonym-suffix')})$"),
        "conflict_region": re.compile(rf"\b(?:{lexicon.alternation('refers-to-region')})\b"),
        "settlement_anaphor": re.compile(
            rf"\b({lexicon.alternation('refers-to-city', 'refers-to-town')})\b"
        ),
        "site_anaphor": re.compile(rf"\bthe (?:{lexicon.alternation('site')})\b"),
        "place_noun_of": re.compile(
            rf"\b(?:{lexicon.alternation('place-noun')}) of ({place_name(lexicon)})"
        ),
        "region_lead": re.compile(
            rf"\b(?:{lexicon.alternation('regional', 'around', 'region-of')})\s+$", re.IGNORECASE
        ),
        "region_tail": re.compile(rf"\s+(?:{region_noun})\b", re.IGNORECASE),
        "locator": re.compile(
            rf"\)?\s*(?:{lexicon.alternation('settlement-noun')})?\s*,?\s*"
            r"(?:in|of|outside|near)\s+(?:the\s+)?(?:region of\s+)?"
        ),
    }


def _source_patterns(lexicon: Lexicon, reporting: str) -> dict[str, re.Pattern[str]]:
    """Who says and who does: a source before or after its verb, an actor's role."""
    attack = lexicon.alternation("attack-verb")
    return {
        "attribution": re.compile(
            rf"(?:{lexicon.alternation('attribution')})\s+(?:the\s+)?$", re.IGNORECASE
        ),
        "reported_by": re.compile(
            rf",?\s*(?:[^,]{{1,40}},\s*){{0,2}}(?:(?:in|at|from|on|near) (?:the )?\w+\s+)?"
            rf"(?:{reporting})\b"
        ),
        "reporting_subject": re.compile(rf"([A-Z][a-z]+(?: [a-z]+)?) (?:{reporting})\b"),
        "attack_verbs": re.compile(rf"^\s*(?:\w+\s+){{0,3}}?(?:{attack})\b", re.IGNORECASE),
        "target": re.compile(rf"\b(?:{lexicon.alternation('target-preposition')})\s+(?:the\s+)?$"),
    }


@cache
def patterns_for(lexicon: Lexicon) -> Patterns:
    """The reader's patterns for ``lexicon``, compiled on first use."""
    cues = _cues(lexicon)
    priorities: dict[str, int] = {}
    for cue in cues:
        priorities[cue.event_type] = max(priorities.get(cue.event_type, 0), cue.priority)
    number_words = "|".join(lexicon.number_words)
    reporting = lexicon.alternation("reporting")
    outcomes = "|".join(
        re.escape(p) for p in sorted(lexicon.outcome_phrases, key=len, reverse=True)
    )
    return Patterns(
        cues=cues,
        cue_words=frozenset().union(*(cue.needs or () for cue in cues)),
        priorities=priorities,
        clause_split=re.compile(lexicon.alternation("clause")),
        background_lead=re.compile(rf"(?:{lexicon.alternation('background-lead')}) [^,]+,"),
        new_event=tuple(lexicon.cue_phrases("new-event")),
        description=re.compile(
            rf"(?:[^\s,]+ ){{1,6}}?(?:{lexicon.alternation('copula')}) "
            rf"(?:\w+ )?(?:{lexicon.alternation('description')})\b"
        ),
        conflict_nouns=frozenset(lexicon.cue_phrases("conflict-noun")),
        goes_on=re.compile(rf"\s+(?:{lexicon.alternation('continues')})\b"),
        negation=re.compile(rf"\b(?:{lexicon.alternation('negation')})\b"),
        refers_back=re.compile(
            rf"\b(?:{lexicon.alternation('refers-back')}) "
            rf"(?:(?!(?:{lexicon.alternation('ordinal')}) )[a-z-]+ )?$",
            re.IGNORECASE,
        ),
        function_words=frozenset(lexicon.cue_phrases("function-word")),
        place_names=names_pattern(list(lexicon.place_names)),
        actor_names=names_pattern(list(lexicon.organizations) + list(lexicon.groups)),
        source_names=names_pattern(list(lexicon.source_phrases)),
        date=_date(lexicon),
        background_date=tuple(lexicon.cue_phrases("background-date")),
        range_start=re.compile(rf"\b(?:{lexicon.alternation('range-start')})\s+$", re.IGNORECASE),
        range_end=re.compile(rf",?\s*(?:{lexicon.alternation('range-end')})\s*(?:on\s+)?"),
        range_day=re.compile(
            rf"\b(?:{lexicon.alternation('range-start')})\s+(\d{{1,2}})\s*"
            rf"(?:{lexicon.alternation('range-end')}|and)\s*$",
            re.IGNORECASE,
        ),
        days_after=re.compile(rf",?\s*(?:{lexicon.alternation('days-after')})"),
        leading_up=re.compile(
            rf"\bthe (days|weeks|months) (?:{lexicon.alternation('leading-up-to')})\s+$",
            re.IGNORECASE,
        ),
        relative_days=_relative_days(lexicon),
        days_later=re.compile(
            rf"\b({number_words}|\d+) (?:{lexicon.alternation('days-later')})\b", re.IGNORECASE
        ),
        over_the_next=re.compile(rf"\b[Oo]ver the next ({number_words}|\d+) (days|weeks|months)\b"),
        unknown_place=_unknown_place(lexicon),
        indefinite=frozenset(lexicon.cue_phrases("indefinite")),
        others=frozenset(lexicon.cue_phrases("others")),
        **_outcome_patterns(lexicon, outcomes),
        **_place_patterns(lexicon),
        **_source_patterns(lexicon, reporting),
    )
