"""aleppo-kg: Wikipedia conflict articles to a validated RDF knowledge graph.

The package's folders are its parts: ``model`` (typed records), ``lexicon`` (the
one loader of ``data/lexicon/``), ``text`` (dates, quantities, names), ``build``
(the stages parse -> infobox -> prose -> link -> map -> validate -> merge ->
write, run by :mod:`aleppo_kg.build.pipeline`), ``publish`` (readers of a built
graph), ``curation`` and ``cli``. :mod:`aleppo_kg.vocab` is the one place that
names the vocabulary's IRIs.
"""

__version__ = "0.1.0"
