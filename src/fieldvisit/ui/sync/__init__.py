"""Sync with the bureau in the app: sign-in, the sync panel and its progress, badges, conflicts, quarantine."""
