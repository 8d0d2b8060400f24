"""Sync between the client and the bureau: wire protocol and the client engine."""
