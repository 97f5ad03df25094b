"""Which resources two batches describe need validating again, merged: the shapes decide."""

from __future__ import annotations

from aleppo_kg.build.crossbatch import CrossBatch, watch_of
from aleppo_kg.vocab import AKG, AKR, ORG, PROV, RDF, RDFS, SEM

A, B = frozenset({0}), frozenset({1})
BOTH = A | B


def _line(subject: str, predicate: str, value: str) -> str:
    return f"<{AKR[subject]}> <{predicate}> {value} .\n"


def _picked(*group: tuple[str, frozenset[int]]) -> bool:
    return CrossBatch(watch_of()).unseen(list(group))


def _described(subject: str, cls: str) -> list[tuple[str, frozenset[int]]]:
    """A resource both batches type and label alike."""
    return [
        (_line(subject, str(RDF.type), f"<{cls}>"), BOTH),
        (_line(subject, str(RDFS.label), '"X"@en'), BOTH),
    ]


def test_the_same_triples_from_two_batches_need_nothing_more():
    assert not _picked(*_described("org/x", ORG.Organization))


def test_provenance_from_each_batch_is_no_reason_for_an_organisation():
    spans = [(_line("org/x", str(PROV.wasDerivedFrom), f"<{AKR[f'text/a-{n}']}>"), b) for n, b in
             ((1, A), (2, B))]  # fmt: skip
    assert not _picked(*_described("org/x", ORG.Organization), *spans)


def test_provenance_from_each_batch_is_a_reason_for_an_event():
    """sh:or lets an event be only mentioned (no prov:wasDerivedFrom, sh:maxCount 0)."""
    spans = [(_line("event/x", str(PROV.wasDerivedFrom), f"<{AKR[f'text/a-{n}']}>"), b) for n, b in
             ((1, A), (2, B))]  # fmt: skip
    assert _picked(*_described("event/x", SEM.Event), *spans)


def test_what_only_one_batch_limits_needs_nothing_more():
    """One batch describes the event, the other only mentions it: the first saw all that
    the shapes limit (akg:mentionedIn has no maximum)."""
    span = (_line("event/x", str(PROV.wasDerivedFrom), f"<{AKR['text/a-1']}>"), A)
    mention = (_line("event/x", str(AKG.mentionedIn), f"<{AKR['text/b']}>"), B)
    assert not _picked(*_described("event/x", SEM.Event), span, mention)


def test_a_value_limited_to_one_given_by_two_batches_is_checked_again():
    begins = [(_line("conflict/x", str(SEM.hasBeginTimeStamp), f'"2012-04-0{d}"'), b) for d, b in
              ((3, A), (5, B))]  # fmt: skip
    assert _picked(*_described("conflict/x", SEM.Event), *begins)


def test_a_type_one_batch_does_not_give_is_checked_again():
    organisation = _described("org/x", ORG.Organization)
    person = (_line("org/x", str(RDF.type), "<https://schema.org/Person>"), B)
    assert _picked(*organisation, person)
