"""The one exception the command line turns into a one-line message and exit code 2."""


class InputError(Exception):
    """Input the tool cannot read: the message names the file and the problem."""
