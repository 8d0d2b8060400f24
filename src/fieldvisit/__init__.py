"""FieldVisit (民政走访): offline field-work client for a civil-affairs bureau."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fieldvisit")
except PackageNotFoundError:  # running from a frozen bundle without dist-info
    __version__ = "0.0.0+unknown"
