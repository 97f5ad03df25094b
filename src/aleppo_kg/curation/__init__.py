"""Tools for the people who curate the data: evaluation against annotations, Wikidata links."""
