"""One interface for cached secrets: the OS keyring if keyring recommends it, else memory for the session."""

from __future__ import annotations

import logging
from typing import Protocol

import keyring
import keyring.core
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE_NAME = "FieldVisit"


class SecretStoreError(Exception):
    """The keyring refused to store or delete a secret (locked, cancelled by the user, service gone)."""


class SecretStore(Protocol):
    """Where secrets such as the cached database key live; `persistent` is False for a session-only store."""

    backend_name: str
    persistent: bool

    def get(self, name: str) -> str | None:
        """The secret stored under `name`, or None."""
        ...

    def set(self, name: str, value: str) -> None:
        """Store `value` under `name`, replacing any previous value."""
        ...

    def delete(self, name: str) -> None:
        """Forget `name`; forgetting an absent name is not an error."""
        ...


class KeyringSecretStore:
    """Secrets in an OS keyring backend (Credential Manager, Keychain, Secret Service) under "FieldVisit"."""

    persistent = True

    def __init__(self, keyring_backend: KeyringBackend) -> None:
        self._backend = keyring_backend
        self.backend_name = _describe(keyring_backend)

    def get(self, name: str) -> str | None:
        """The secret, or None when absent or when the keyring cannot answer (the password still unlocks)."""
        try:
            return self._backend.get_password(SERVICE_NAME, name)
        except KeyringError as exc:
            log.warning("keyring %s could not be read: %s", self.backend_name, type(exc).__name__)
            return None

    def set(self, name: str, value: str) -> None:
        """Store `value`; raise SecretStoreError if the keyring refuses."""
        try:
            self._backend.set_password(SERVICE_NAME, name, value)
        except KeyringError as exc:
            raise SecretStoreError(f"keyring {self.backend_name} refused to store a secret") from exc

    def delete(self, name: str) -> None:
        """Forget `name`; raise SecretStoreError only if the keyring fails, not if it was absent."""
        try:
            self._backend.delete_password(SERVICE_NAME, name)
        except PasswordDeleteError:
            return
        except KeyringError as exc:
            raise SecretStoreError(f"keyring {self.backend_name} refused to delete a secret") from exc


class MemorySecretStore:
    """Secrets held in this process only: gone when the app quits, so the next start asks for the password."""

    backend_name = "memory (this session only)"
    persistent = False

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        """The secret, or None."""
        return self._secrets.get(name)

    def set(self, name: str, value: str) -> None:
        """Store `value` for the rest of the session."""
        self._secrets[name] = value

    def delete(self, name: str) -> None:
        """Forget `name` if present."""
        self._secrets.pop(name, None)


def open_secret_store() -> SecretStore:
    """The OS keyring if keyring recommends its backend, else a session-only memory store (never a file)."""
    backend = _trustworthy_backend(keyring.get_keyring())
    if backend is None:
        return MemorySecretStore()
    store = KeyringSecretStore(backend)
    log.info("secrets are cached in keyring %s", store.backend_name)
    return store


def _trustworthy_backend(backend: KeyringBackend) -> KeyringBackend | None:
    if isinstance(backend, ChainerBackend):
        # The chainer calls itself recommended as soon as it chains two backends, even if both are
        # low-priority file keyrings; it writes to the first that accepts. Use the best chained backend
        # that is itself recommended, or none.
        chained = [b for b in backend.backends if keyring.core.recommended(b)]
        if not chained:
            log.info("keyring chainer has no recommended backend; secrets stay in memory for this session")
            return None
        return chained[0]
    if not keyring.core.recommended(backend):
        log.info("keyring %s is not recommended; secrets stay in memory for this session", _describe(backend))
        return None
    return backend


def _describe(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"
