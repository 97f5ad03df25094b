"""aleppo-kg: Wikipedia conflict articles to a validated RDF knowledge graph.

The pipeline is parse -> extract -> map -> validate -> write; each stage is a
module of the same name and only :mod:`aleppo_kg.map` knows RDF.
"""

__version__ = "0.1.0"
