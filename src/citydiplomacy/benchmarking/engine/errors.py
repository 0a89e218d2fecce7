"""The single exception type raised by the benchmarking engine."""


class EngineError(ValueError):
    """Bad input to the engine (data, metadata, specification or factors).

    The message always names the offending item (a unit code, an indicator code, an op,
    a parameter, a file and line), so it can be shown to a user as it is.
    """
