"""Memory for the next Argon2 derivation, paged in while the password is typed rather than during unlocking."""

from __future__ import annotations

import ctypes
import logging
import mmap
import sys
import threading
from typing import Any

from argon2.low_level import ARGON2_VERSION, Type, core, ffi, hash_secret_raw, lib

log = logging.getLogger(__name__)

_lock = threading.Lock()
_prepared: dict[int, mmap.mmap] = {}
_deriving = threading.Event()
_CHUNK = 4 * 1024 * 1024


def prepare(size: int) -> bool:
    """Map `size` bytes and have the operating system supply their pages now (once per size until used);
    whether memory of that size is ready (not while a derivation runs: it would compete with it).

    Argon2 otherwise takes its memory page by page as it first writes it: at 64 MiB, 16,384 page faults, a
    quarter of a derivation's processor time. The pages are touched outside the GIL, so the window being
    drawn meanwhile is not held up. A derivation that starts meanwhile stops this at the next 4 MiB and takes
    the memory as far as it got (Argon2 pages in the rest itself, as usual).
    """
    with _lock:
        if size in _prepared or _deriving.is_set():
            return size in _prepared
        memory = _private_memory(size)
        pages = (ctypes.c_char * size).from_buffer(memory)
        start = ctypes.addressof(pages)
        for offset in range(0, size, _CHUNK):
            if _deriving.is_set():
                break
            ctypes.memset(start + offset, 0, min(_CHUNK, size - offset))
        del pages
        _prepared[size] = memory
        return True


def _private_memory(size: int) -> mmap.mmap:
    if sys.platform == "win32":
        return mmap.mmap(-1, size)  # anonymous and private to the process there
    return mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)  # the default is shared memory


def derive(secret: bytes, salt: bytes, time_cost: int, memory_cost: int, parallelism: int, hash_len: int) -> bytes:
    """Argon2id of `secret`: in the memory prepared for `memory_cost` KiB if there is some, else in memory
    Argon2 allocates itself. No preparing starts while this runs (it would compete with it for the processor).

    Prepared memory serves one derivation: Argon2 wipes it before handing it back, and it is unmapped then.
    """
    _deriving.set()
    try:
        with _lock:
            memory = _prepared.pop(memory_cost * 1024, None)
        derived = None
        if memory is not None:
            try:
                derived = _derive_in(memory, secret, salt, time_cost, memory_cost, parallelism, hash_len)
            finally:
                memory.close()
        if derived is None:
            derived = hash_secret_raw(secret, salt, time_cost, memory_cost, parallelism, hash_len, Type.ID)
        return derived
    finally:
        _deriving.clear()


def _derive_in(
    memory: mmap.mmap, secret: bytes, salt: bytes, time_cost: int, memory_cost: int, parallelism: int, hash_len: int
) -> bytes | None:
    out = ffi.new("uint8_t[]", hash_len)
    with ffi.from_buffer("uint8_t[]", memory) as block:
        try:
            allocate = ffi.callback("int(uint8_t **, size_t)", error=lib.ARGON2_MEMORY_ALLOCATION_ERROR)(
                lambda target, size: _hand_out(block, len(memory), target, size)
            )
            release = ffi.callback("void(uint8_t *, size_t)")(lambda _memory, _size: None)
        except (MemoryError, RuntimeError) as exc:  # a system that forbids runtime callbacks: the usual way
            log.info("Argon2 cannot use prepared memory here: %s", exc)
            return None
        secret_buffer = ffi.new("uint8_t[]", secret)
        salt_buffer = ffi.new("uint8_t[]", salt)
        context = ffi.new(
            "argon2_context *",
            {
                "out": out,
                "outlen": hash_len,
                "pwd": secret_buffer,
                "pwdlen": len(secret),
                "salt": salt_buffer,
                "saltlen": len(salt),
                "secret": ffi.NULL,
                "secretlen": 0,
                "ad": ffi.NULL,
                "adlen": 0,
                "t_cost": time_cost,
                "m_cost": memory_cost,
                "lanes": parallelism,
                "threads": parallelism,
                "version": ARGON2_VERSION,
                "allocate_cbk": allocate,
                "free_cbk": release,
                "flags": lib.ARGON2_DEFAULT_FLAGS,
            },
        )
        if core(context, Type.ID.value) != lib.ARGON2_OK:
            return None
    return bytes(ffi.buffer(out, hash_len))


def _hand_out(block: Any, available: int, target: Any, size: int) -> int:
    if size > available:
        target[0] = ffi.NULL
        return int(lib.ARGON2_MEMORY_ALLOCATION_ERROR)
    target[0] = block
    return int(lib.ARGON2_OK)
