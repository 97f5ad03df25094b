"""The build, one module or folder per stage, in stage order.

parse -> infobox -> prose -> link -> map -> validate -> merge -> write; ``pipeline`` runs them.
Only ``map`` knows RDF terms; every stage before it works on the typed records of
:mod:`aleppo_kg.model`.
"""
