"""Tests of the secret store policy: a recommended keyring is used, anything else means memory only."""

import logging
from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from fieldvisit.security.secret_store import (
    SERVICE_NAME,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStoreError,
    open_secret_store,
)


class InMemoryKeyring(KeyringBackend):
    """A keyring backend that keyring.core.recommended() accepts (priority >= 1)."""

    priority = 10

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.items[(service, username)]
        except KeyError:
            raise PasswordDeleteError(username) from None


class LowPriorityKeyring(InMemoryKeyring):
    """Stands in for a plaintext file keyring: usable, but not recommended."""

    priority = 0.5


class LockedKeyring(InMemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")


@pytest.fixture(autouse=True)
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_recommended_backend_is_used_and_persistent() -> None:
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    store = open_secret_store()
    assert isinstance(store, KeyringSecretStore)
    assert store.persistent
    assert "InMemoryKeyring" in store.backend_name
    store.set("db-key", "c2VjcmV0")
    assert backend.items == {(SERVICE_NAME, "db-key"): "c2VjcmV0"}
    assert store.get("db-key") == "c2VjcmV0"
    store.delete("db-key")
    assert store.get("db-key") is None


def test_fail_backend_counts_as_absent(caplog: pytest.LogCaptureFixture) -> None:
    keyring.set_keyring(fail.Keyring())
    with caplog.at_level(logging.INFO, logger="fieldvisit.security.secret_store"):
        store = open_secret_store()
    assert isinstance(store, MemorySecretStore)
    assert not store.persistent
    assert "keyring.backends.fail.Keyring" in caplog.text


def test_low_priority_backend_counts_as_absent() -> None:
    backend = LowPriorityKeyring()
    keyring.set_keyring(backend)
    store = open_secret_store()
    assert isinstance(store, MemorySecretStore)
    store.set("db-key", "v")
    assert backend.items == {}


def test_chainer_of_unrecommended_backends_counts_as_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ChainerBackend, "backends", [LowPriorityKeyring(), LowPriorityKeyring()])
    chainer = ChainerBackend()
    assert keyring.core.recommended(chainer)
    keyring.set_keyring(chainer)
    assert isinstance(open_secret_store(), MemorySecretStore)


def test_chainer_resolves_to_its_recommended_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    good = InMemoryKeyring()
    monkeypatch.setattr(ChainerBackend, "backends", [good, LowPriorityKeyring()])
    keyring.set_keyring(ChainerBackend())
    store = open_secret_store()
    store.set("db-key", "v")
    assert good.items == {(SERVICE_NAME, "db-key"): "v"}


def test_memory_store_round_trip() -> None:
    store = MemorySecretStore()
    assert store.get("x") is None
    store.set("x", "密码𠮷🙂")
    assert store.get("x") == "密码𠮷🙂"
    store.delete("x")
    store.delete("x")
    assert store.get("x") is None


def test_deleting_an_absent_secret_is_not_an_error() -> None:
    KeyringSecretStore(InMemoryKeyring()).delete("never-set")


def test_locked_keyring_reads_as_absent_and_refuses_writes() -> None:
    store = KeyringSecretStore(LockedKeyring())
    assert store.get("db-key") is None
    with pytest.raises(SecretStoreError):
        store.set("db-key", "v")
