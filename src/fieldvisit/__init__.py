"""FieldVisit (民政走访): offline field-work client for a civil-affairs bureau."""

from functools import cache


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fieldvisit")
    except PackageNotFoundError:  # running from a frozen bundle without dist-info
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    # `__version__` is read on first use: importlib.metadata costs ~30 ms, paid by every start otherwise.
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
