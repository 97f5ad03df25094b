"""Reading values out of text: dates, quantities, names of places and groups, slugs.

Plain functions and small readers built from the lexicon; no RDF, no article structure.
"""
