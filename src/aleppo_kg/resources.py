"""Where the ontology, shapes, lexicons and bundled article live.

A wheel carries them inside the package (``aleppo_kg/resources``); a source
checkout or editable install reads them from the repository root, so the files
users edit are the files the tool reads.
"""

from __future__ import annotations

from pathlib import Path


def resource_root() -> Path:
    """Directory that holds ``ontology/``, ``shapes/`` and ``data/``."""
    packaged = Path(__file__).parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def data_path(*parts: str) -> Path:
    """A file under ``data/``."""
    return resource_root().joinpath("data", *parts)


def default_article() -> Path:
    """The bundled seed article, the input of ``aleppo-kg build`` with no arguments."""
    return data_path("articles", "2012_Aleppo_Governorate_clashes.txt")


def ontology_file() -> Path:
    """The project's OWL ontology."""
    return resource_root() / "ontology" / "aleppo-kg.ttl"


def shapes_file() -> Path:
    """The SHACL shapes every build is validated against."""
    return resource_root() / "shapes" / "aleppo-kg-shapes.ttl"


def void_shapes_file() -> Path:
    """The SHACL shapes the dataset description (``void.ttl``) is validated against."""
    return resource_root() / "shapes" / "void-shapes.ttl"
