"""Tests of Argon2 in memory prepared beforehand: the same keys as Argon2's own allocation, used once, never torn."""

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


def reference(secret: bytes, params: KdfParams, salt: bytes = SALT) -> bytes:
    return hash_secret_raw(secret, salt, params.time_cost, params.memory_cost, params.parallelism, 32, Type.ID)


def derive(secret: bytes, params: KdfParams, salt: bytes = SALT) -> bytes | None:
    return kdf_memory.derive(secret, salt, params.time_cost, params.memory_cost, params.parallelism, 32)


def test_prepared_memory_gives_argons_own_result_once() -> None:
    kdf_memory.prepare(SMALL.memory_cost * 1024)
    assert derive("𠮷䶮 密码".encode(), SMALL) == reference("𠮷䶮 密码".encode(), SMALL)
    assert derive(b"again", SMALL) is None  # used up: the next derivation allocates as usual


def test_memory_prepared_for_other_costs_is_kept_for_them() -> None:
    kdf_memory.prepare(SMALL.memory_cost * 1024)
    other = KdfParams(time_cost=1, memory_cost=2048, parallelism=2)
    assert derive(b"x", other) is None
    assert derive(b"x", SMALL) == reference(b"x", SMALL)


def test_a_derivation_that_interrupts_the_preparing_gets_the_right_key() -> None:
    params = KdfParams(time_cost=1, memory_cost=64 * 1024, parallelism=2)
    expected = reference(b"demo2026", params)
    for _ in range(5):
        preparing = threading.Thread(target=kdf_memory.prepare, args=(params.memory_cost * 1024,))
        preparing.start()
        key = derive(b"demo2026", params)
        preparing.join()
        leftover = derive(b"demo2026", params)  # when the preparing came second, its memory serves the next
        assert key in (expected, None)
        assert leftover in (expected, None)


def test_unwrapping_in_prepared_memory_opens_the_key_and_refuses_a_wrong_password() -> None:
    key = new_database_key()
    wrapped = wrap_key(key, "正确的密码", params=SMALL)
    prepare_unwrap(SMALL)
    assert unwrap_key(wrapped, "正确的密码") == key
    prepare_unwrap(SMALL)
    with pytest.raises(WrongPasswordError):
        unwrap_key(wrapped, "错误的密码")
    assert derive(b"x", SMALL) is None  # the failed attempt used the prepared memory too
