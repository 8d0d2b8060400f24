"""Entry script of the frozen desktop bundle: the same `fieldvisit` command as the console script."""

import sys

from fieldvisit.cli import main

if __name__ == "__main__":
    sys.exit(main())
