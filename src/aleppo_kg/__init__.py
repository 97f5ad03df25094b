"""aleppo-kg: Wikipedia conflict articles to a validated RDF knowledge graph.

The pipeline is parse -> extract -> link -> map -> validate -> merge -> write;
each stage is a module of the same name (:mod:`aleppo_kg.pipeline` runs them)
and only :mod:`aleppo_kg.map` knows the vocabulary.
"""

__version__ = "0.1.0"
