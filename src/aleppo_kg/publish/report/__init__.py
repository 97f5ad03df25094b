"""The HTML report: ``read`` gathers its content from the graph by SPARQL, ``html`` renders it."""
