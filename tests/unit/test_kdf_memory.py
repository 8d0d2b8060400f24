"""Tests of Argon2 in memory prepared beforehand: the same keys as Argon2's own allocation, never torn."""

import threading

import pytest
from argon2.low_level import Type, hash_secret_raw

from fieldvisit.security import kdf_memory
from fieldvisit.security.keys import (
    KdfParams,
    WrongPasswordError,
    new_database_key,
    prepare_unwrap,
    unwrap_key,
    wrap_key,
)

SALT = bytes(range(16))
SMALL = KdfParams(time_cost=1, memory_cost=1024, parallelism=2)


def reference(secret: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(secret, SALT, params.time_cost, params.memory_cost, params.parallelism, 32, Type.ID)


def derive(secret: bytes, params: KdfParams) -> bytes:
    return kdf_memory.derive(secret, SALT, params.time_cost, params.memory_cost, params.parallelism, 32)


def test_prepared_memory_gives_argons_own_result() -> None:
    assert kdf_memory.prepare(SMALL.memory_cost * 1024)
    assert derive("𠮷䶮 密码".encode(), SMALL) == reference("𠮷䶮 密码".encode(), SMALL)
    assert derive(b"again", SMALL) == reference(b"again", SMALL)  # used up: Argon2 allocates as usual


def test_memory_prepared_for_other_costs_does_not_change_the_key() -> None:
    assert kdf_memory.prepare(SMALL.memory_cost * 1024)
    other = KdfParams(time_cost=1, memory_cost=2048, parallelism=2)
    assert derive(b"x", other) == reference(b"x", other)
    assert derive(b"x", SMALL) == reference(b"x", SMALL)


def test_a_derivation_that_interrupts_the_preparing_gets_the_right_key() -> None:
    params = KdfParams(time_cost=1, memory_cost=64 * 1024, parallelism=2)
    expected = reference(b"demo2026", params)
    for _ in range(5):
        preparing = threading.Thread(target=kdf_memory.prepare, args=(params.memory_cost * 1024,))
        preparing.start()
        assert derive(b"demo2026", params) == expected
        preparing.join()
        assert derive(b"demo2026", params) == expected  # with what a preparing that came second left


def test_no_memory_is_prepared_while_a_derivation_runs() -> None:
    """Preparing then would take the processor from the derivation it is meant to speed up."""
    params = KdfParams(time_cost=3, memory_cost=64 * 1024, parallelism=1)
    deriving = threading.Thread(target=derive, args=(b"x", params))
    deriving.start()
    while deriving.is_alive() and not kdf_memory._deriving.is_set():
        pass
    skipped = not kdf_memory.prepare(32 * 1024 * 1024)
    deriving.join()
    assert skipped
    assert kdf_memory.prepare(32 * 1024 * 1024)  # and it is prepared once the derivation is over
    assert derive(b"x", KdfParams(1, 32 * 1024, 1)) == reference(b"x", KdfParams(1, 32 * 1024, 1))


def test_unwrapping_in_prepared_memory_opens_the_key_and_refuses_a_wrong_password() -> None:
    key = new_database_key()
    wrapped = wrap_key(key, "正确的密码", params=SMALL)
    prepare_unwrap(SMALL)
    assert unwrap_key(wrapped, "正确的密码") == key
    prepare_unwrap(SMALL)
    with pytest.raises(WrongPasswordError):
        unwrap_key(wrapped, "错误的密码")
