"""Tests of key wrapping: Argon2id + AES-GCM under a password, JSON storage, password change, subkeys."""

import dataclasses
import json
import unicodedata

import pytest
from argon2.low_level import Type, hash_secret_raw
from nacl.bindings import crypto_pwhash_SALTBYTES

from fieldvisit.security.keys import (
    DEFAULT_KDF_PARAMS,
    FAST_TEST_PARAMS,
    KEY_BYTES,
    KdfParams,
    WrappedKey,
    WrappedKeyFormatError,
    WrongPasswordError,
    _derive_kek,
    derive_subkey,
    needs_rewrap,
    new_database_key,
    rewrap_key,
    unwrap_key,
    wrap_key,
)


def test_new_database_key_is_32_random_bytes() -> None:
    keys = {new_database_key() for _ in range(8)}
    assert len(keys) == 8
    assert all(len(k) == KEY_BYTES for k in keys)


def test_wrap_then_unwrap_returns_the_key() -> None:
    key = new_database_key()
    wrapped = wrap_key(key, "correct horse", params=FAST_TEST_PARAMS)
    assert unwrap_key(wrapped, "correct horse") == key
    assert key not in wrapped.ciphertext


def test_wrong_password_is_refused() -> None:
    wrapped = wrap_key(new_database_key(), "correct horse", params=FAST_TEST_PARAMS)
    with pytest.raises(WrongPasswordError):
        unwrap_key(wrapped, "correct horsE")


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "salt"])
def test_tampered_bytes_are_refused(field: str) -> None:
    wrapped = wrap_key(new_database_key(), "pw", params=FAST_TEST_PARAMS)
    original = getattr(wrapped, field)
    flipped = bytes([original[0] ^ 0x01]) + original[1:]
    with pytest.raises(WrongPasswordError):
        unwrap_key(dataclasses.replace(wrapped, **{field: flipped}), "pw")


def test_changed_costs_are_refused_even_with_the_right_password() -> None:
    wrapped = wrap_key(new_database_key(), "pw", params=KdfParams(1, 16, 1))
    with pytest.raises(WrongPasswordError):
        unwrap_key(dataclasses.replace(wrapped, memory_cost=32), "pw")


def test_json_round_trip() -> None:
    key = new_database_key()
    wrapped = wrap_key(key, "pw", params=FAST_TEST_PARAMS)
    text = wrapped.to_json()
    data = json.loads(text)
    assert data["version"] == 1
    assert data["kdf"] == "argon2id"
    restored = WrappedKey.from_json(text)
    assert restored == wrapped
    assert unwrap_key(restored, "pw") == key


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(version=2),
        lambda d: d.update(kdf="scrypt"),
        lambda d: d.pop("salt"),
        lambda d: d.update(nonce="not base64!"),
        lambda d: d.update(memory_cost=1 << 40),
        lambda d: d.update(time_cost="3"),
    ],
)
def test_unreadable_json_is_a_format_error(mutate) -> None:
    data = json.loads(wrap_key(new_database_key(), "pw", params=FAST_TEST_PARAMS).to_json())
    mutate(data)
    with pytest.raises(WrappedKeyFormatError):
        WrappedKey.from_json(json.dumps(data))


def test_garbage_is_a_format_error() -> None:
    for text in ["", "[]", "{not json"]:
        with pytest.raises(WrappedKeyFormatError):
            WrappedKey.from_json(text)


def test_rare_character_password_round_trips() -> None:
    key = new_database_key()
    wrapped = wrap_key(key, "密码𠮷🙂", params=FAST_TEST_PARAMS)
    assert unwrap_key(wrapped, "密码𠮷🙂") == key
    with pytest.raises(WrongPasswordError):
        unwrap_key(wrapped, "密码𠮷")


def test_password_is_not_normalised() -> None:
    composed = unicodedata.normalize("NFC", "café")
    decomposed = unicodedata.normalize("NFD", "café")
    assert composed != decomposed
    wrapped = wrap_key(new_database_key(), composed, params=FAST_TEST_PARAMS)
    with pytest.raises(WrongPasswordError):
        unwrap_key(wrapped, decomposed)


def test_empty_password_is_refused() -> None:
    with pytest.raises(ValueError):
        wrap_key(new_database_key(), "", params=FAST_TEST_PARAMS)


def test_short_key_is_refused() -> None:
    with pytest.raises(ValueError):
        wrap_key(b"short", "pw", params=FAST_TEST_PARAMS)


def test_rewrap_changes_the_password_and_keeps_the_key() -> None:
    key = new_database_key()
    old = wrap_key(key, "old", params=FAST_TEST_PARAMS)
    new = rewrap_key(old, "old", "新密码")
    assert unwrap_key(new, "新密码") == key
    assert new.params == FAST_TEST_PARAMS
    assert new.salt != old.salt
    with pytest.raises(WrongPasswordError):
        unwrap_key(new, "old")


def test_rewrap_with_the_wrong_old_password_fails() -> None:
    old = wrap_key(new_database_key(), "old", params=FAST_TEST_PARAMS)
    with pytest.raises(WrongPasswordError):
        rewrap_key(old, "guess", "new")


def test_rewrap_can_raise_the_costs() -> None:
    old = wrap_key(new_database_key(), "old", params=FAST_TEST_PARAMS)
    stronger = KdfParams(time_cost=2, memory_cost=64, parallelism=1)
    assert rewrap_key(old, "old", "new", params=stronger).params == stronger


def test_wrapping_without_params_uses_the_default_costs() -> None:
    key = new_database_key()
    wrapped = wrap_key(key, "pw")
    assert wrapped.params == DEFAULT_KDF_PARAMS
    assert unwrap_key(wrapped, "pw") == key


@pytest.mark.parametrize(
    ("password", "params"),
    [
        ("demo2026", KdfParams(time_cost=1, memory_cost=8, parallelism=1)),
        ("𠮷䶮 密码 🙂", KdfParams(time_cost=2, memory_cost=1024, parallelism=1)),
        ("", KdfParams(time_cost=3, memory_cost=4096, parallelism=1)),
        ("x" * 10_000, KdfParams(time_cost=1, memory_cost=64, parallelism=1)),
    ],
)
def test_libsodium_derives_what_the_argon2_reference_derives(password: str, params: KdfParams) -> None:
    """One-lane keys are derived by libsodium; a key wrapped by either implementation opens with the other."""
    salt = bytes(range(16))
    reference = hash_secret_raw(password.encode(), salt, params.time_cost, params.memory_cost, 1, KEY_BYTES, Type.ID)
    assert _derive_kek(password, salt, params) == reference


def test_keys_wrapped_in_several_lanes_still_open_and_are_marked_for_one() -> None:
    key = new_database_key()
    two_lanes = KdfParams(time_cost=1, memory_cost=1024, parallelism=2)
    wrapped = wrap_key(key, "旧钥匙", params=two_lanes)
    assert needs_rewrap(wrapped)
    assert unwrap_key(wrapped, "旧钥匙") == key
    with pytest.raises(WrongPasswordError):
        unwrap_key(wrapped, "旧钥")
    one_lane = rewrap_key(wrapped, "旧钥匙", "旧钥匙", params=two_lanes.in_one_lane())
    assert one_lane.params == KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
    assert not needs_rewrap(one_lane)
    assert unwrap_key(one_lane, "旧钥匙") == key
    long_salt = dataclasses.replace(wrap_key(key, "pw", params=FAST_TEST_PARAMS), salt=bytes(32))
    assert needs_rewrap(long_salt)  # libsodium takes 16-byte salts only


def test_the_salt_is_the_length_libsodium_takes_and_the_default_is_one_lane() -> None:
    assert len(wrap_key(new_database_key(), "pw", params=FAST_TEST_PARAMS).salt) == crypto_pwhash_SALTBYTES
    assert DEFAULT_KDF_PARAMS.parallelism == 1
    assert not needs_rewrap(wrap_key(new_database_key(), "pw", params=FAST_TEST_PARAMS))


def test_subkeys_differ_by_purpose_and_from_the_key() -> None:
    key = new_database_key()
    attachments = derive_subkey(key, "attachments")
    exports = derive_subkey(key, "exports")
    assert len(attachments) == KEY_BYTES
    assert len({key, attachments, exports}) == 3
    assert derive_subkey(key, "attachments") == attachments
    assert derive_subkey(new_database_key(), "attachments") != attachments
