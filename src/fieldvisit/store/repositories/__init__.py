"""Repositories: every query the screens, the printer and the CLI need, returning detached records or row snapshots."""
