"""Readers of a built graph: SPARQL (embedded), the endpoint, the store loader, the report, docs."""
