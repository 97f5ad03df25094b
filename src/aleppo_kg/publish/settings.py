"""The publishing commands' settings, apart from their code.

The command line names them in its help, and every command builds that help:
kept here, they cost ``aleppo-kg build`` nothing, where importing the endpoint
and the loader for them would import an HTTP server and client.
"""

DEFAULT_MAX_ROWS = 10_000  # rows an endpoint answer holds at most
# Where `aleppo-kg load` reads a store's credentials (never from the command line).
USER_VARIABLE = "ALEPPO_KG_ENDPOINT_USER"
PASSWORD_VARIABLE = "ALEPPO_KG_ENDPOINT_PASSWORD"
# How `aleppo-kg query` prints its results.
RESULT_FORMATS = ("table", "csv", "tsv", "json")
