"""The one exception the parser raises for input it cannot read as a decision."""


class DecisionParseError(ValueError):
    """Input is not a readable Helsinki decision record.

    The message is always a single line naming what was missing or wrong, so that a
    command-line tool or a log can show it as it is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))
