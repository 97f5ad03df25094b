"""aleppo-kg: Wikipedia conflict articles to a validated RDF knowledge graph.

The package's folders are its parts: ``model`` (typed records), ``lexicon`` (the
one loader of ``data/lexicon/``), ``text`` (dates, quantities, names), ``build``
(the stages parse -> infobox -> prose -> link -> map -> validate -> merge ->
write, run by :mod:`aleppo_kg.build.pipeline`), ``publish`` (readers of a built
graph), ``curation`` and ``cli``. :mod:`aleppo_kg.vocab` is the one place that
names the vocabulary's IRIs.

For notebooks (:mod:`aleppo_kg.api`): ``from aleppo_kg import build, export``. The
package ``aleppo_kg.build`` holds the build's stages and, called, builds articles in
memory; ``export`` turns a built graph into rows.
"""

import types

import aleppo_kg.build as _stages

__version__ = "0.1.0"


class _CallableStages(types.ModuleType):
    """The build package, callable as the API's :func:`aleppo_kg.api.build`."""

    def __call__(self, *args, **kwargs):
        from aleppo_kg.api import build

        return build(*args, **kwargs)


_stages.__class__ = _CallableStages


def __getattr__(name: str):
    """``export``, the Python API's exporter, imported on first use (see :mod:`aleppo_kg.api`)."""
    if name == "export":
        from aleppo_kg.api import export

        return export
    raise AttributeError(f"module 'aleppo_kg' has no attribute {name!r}")
