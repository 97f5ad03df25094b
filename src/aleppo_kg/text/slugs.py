"""Readable, stable IRI path segments from names.

IRIs are built only from slugs of the alphabet ``[a-z0-9-]``, so no value from
an article can break out of an IRI; a name with no Latin letters or digits
(Arabic script, say) gets a stable hash instead.
"""

from __future__ import annotations

import re
import unicodedata


def slugify(name: str) -> str:
    """ "People's Protection Units" -> "peoples-protection-units"; "Kobanî" -> "kobani"."""
    spaced = re.sub(r"[\u2010-\u2015\u2212]", " ", name)  # dashes part words: "Lebanon–Syria"
    ascii_name = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"['’`]", "", ascii_name.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    if slug:
        return slug
    import hashlib  # for names with no Latin letters only: 2.5 ms to import

    return "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
