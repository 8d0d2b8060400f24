"""Key material: the random database key, its Argon2id + AES-GCM wrapping under a password, and subkeys."""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from nacl.bindings import crypto_pwhash_alg, crypto_pwhash_ALG_ARGON2ID13

KEY_BYTES = 32
"""Length of the database key, of every key-encryption key and of every subkey (AES-256)."""

WRAP_FORMAT_VERSION = 1
KDF_NAME = "argon2id"
SALT_BYTES = 16
NONCE_BYTES = 12

# Bounds on what a wrapped-key file may ask for: a tampered file must not make unlock allocate gigabytes
# or spin for minutes before failing.
_MAX_TIME_COST = 20
_MAX_MEMORY_COST_KIB = 1024 * 1024
_MAX_PARALLELISM = 16


class WrongPasswordError(Exception):
    """The password does not unwrap the key, or the wrapped key was altered."""


class WrappedKeyFormatError(ValueError):
    """A wrapped key that this version cannot read: malformed JSON, unknown version or KDF, absurd costs."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters; `memory_cost` is in KiB."""

    time_cost: int
    memory_cost: int
    parallelism: int

    def __post_init__(self) -> None:
        if not 1 <= self.parallelism <= _MAX_PARALLELISM:
            raise WrappedKeyFormatError(f"Argon2 parallelism {self.parallelism} is out of range")
        if not 1 <= self.time_cost <= _MAX_TIME_COST:
            raise WrappedKeyFormatError(f"Argon2 time cost {self.time_cost} is out of range")
        if not 8 * self.parallelism <= self.memory_cost <= _MAX_MEMORY_COST_KIB:
            raise WrappedKeyFormatError(f"Argon2 memory cost {self.memory_cost} KiB is out of range")

    def in_one_lane(self) -> KdfParams:
        """The same memory and passes in one lane: libsodium's Argon2id derives only that, on one core in 0.7 of
        the processor time argon2-cffi spends on two lanes, leaving the other core to the window meanwhile."""
        return KdfParams(self.time_cost, self.memory_cost, 1)


DEFAULT_KDF_PARAMS = KdfParams(time_cost=3, memory_cost=64 * 1024, parallelism=1)
"""RFC 9106's second recommended memory and passes. 0.12 s per unlock (one core) on the two-core build machine,
where argon2-cffi took 0.10 s on both cores for two lanes; aimed at 0.3–0.5 s on an old laptop."""

FAST_TEST_PARAMS = KdfParams(time_cost=1, memory_cost=8, parallelism=1)
"""The cheapest parameters Argon2 accepts. For tests only: they give no protection."""


@dataclass(frozen=True)
class WrappedKey:
    """A key encrypted under a password-derived key, with everything needed to derive that key again."""

    kdf: str
    salt: bytes
    time_cost: int
    memory_cost: int
    parallelism: int
    nonce: bytes
    ciphertext: bytes
    version: int = WRAP_FORMAT_VERSION

    def __post_init__(self) -> None:
        if self.version != WRAP_FORMAT_VERSION:
            raise WrappedKeyFormatError(f"unsupported wrapped key version {self.version!r}")
        if self.kdf != KDF_NAME:
            raise WrappedKeyFormatError(f"unsupported key derivation {self.kdf!r}")
        if len(self.salt) < SALT_BYTES or len(self.nonce) != NONCE_BYTES:
            raise WrappedKeyFormatError("wrapped key has a short salt or a bad nonce")
        KdfParams(self.time_cost, self.memory_cost, self.parallelism)  # raises on absurd costs

    @property
    def params(self) -> KdfParams:
        """The Argon2id costs this key was wrapped with."""
        return KdfParams(self.time_cost, self.memory_cost, self.parallelism)

    def to_json(self) -> str:
        """Serialise for storage next to the database; bytes are base64."""
        return json.dumps(
            {
                "version": self.version,
                "kdf": self.kdf,
                "salt": _b64(self.salt),
                "time_cost": self.time_cost,
                "memory_cost": self.memory_cost,
                "parallelism": self.parallelism,
                "nonce": _b64(self.nonce),
                "ciphertext": _b64(self.ciphertext),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> WrappedKey:
        """Parse what `to_json` wrote; raise WrappedKeyFormatError for anything else."""
        try:
            data: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            raise WrappedKeyFormatError("wrapped key is not valid JSON") from exc
        if not isinstance(data, dict):
            raise WrappedKeyFormatError("wrapped key is not a JSON object")
        try:
            return cls(
                kdf=_str(data["kdf"]),
                salt=_unb64(data["salt"]),
                time_cost=_int(data["time_cost"]),
                memory_cost=_int(data["memory_cost"]),
                parallelism=_int(data["parallelism"]),
                nonce=_unb64(data["nonce"]),
                ciphertext=_unb64(data["ciphertext"]),
                version=_int(data["version"]),
            )
        except KeyError as exc:
            raise WrappedKeyFormatError(f"wrapped key lacks field {exc.args[0]!r}") from exc


def new_database_key() -> bytes:
    """A fresh random 256-bit key for SQLCipher."""
    return secrets.token_bytes(KEY_BYTES)


def wrap_key(key: bytes, password: str, *, params: KdfParams | None = None) -> WrappedKey:
    """Encrypt `key` under a key derived from `password` (its exact UTF-8 bytes, never normalised)."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"key must be {KEY_BYTES} bytes")
    if not password:
        raise ValueError("password must not be empty")
    params = params or DEFAULT_KDF_PARAMS
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    kek = _derive_kek(password, salt, params)
    ciphertext = AESGCM(kek).encrypt(nonce, key, _associated_data(WRAP_FORMAT_VERSION, params))
    return WrappedKey(
        kdf=KDF_NAME,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        nonce=nonce,
        ciphertext=ciphertext,
    )


def unwrap_key(wrapped: WrappedKey, password: str) -> bytes:
    """Recover the key; raise WrongPasswordError on a wrong password or any alteration of `wrapped`."""
    params = wrapped.params
    kek = _derive_kek(password, wrapped.salt, params)
    try:
        aad = _associated_data(wrapped.version, params)
        key = AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, aad)
    except InvalidTag:
        raise WrongPasswordError("wrong password, or the stored key was altered") from None
    if len(key) != KEY_BYTES:
        raise WrongPasswordError("the stored key has the wrong length")
    return key


def rewrap_key(
    wrapped: WrappedKey, old_password: str, new_password: str, *, params: KdfParams | None = None
) -> WrappedKey:
    """Change the password: the same key, a fresh salt and nonce; costs kept unless `params` is given."""
    key = unwrap_key(wrapped, old_password)
    return wrap_key(key, new_password, params=params or wrapped.params)


def needs_rewrap(wrapped: WrappedKey) -> bool:
    """Whether only argon2-cffi derives `wrapped`'s key-encryption key (several lanes, or a salt longer than
    libsodium's): unlocking then takes 1.4 times the processor time, on both cores, so it is wrapped again
    `in_one_lane()`."""
    return not _libsodium_derives(wrapped.params, wrapped.salt)


def derive_subkey(key: bytes, purpose: str) -> bytes:
    """An independent 256-bit key for one `purpose` (e.g. "attachments", "exports"), by HKDF-SHA256."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"key must be {KEY_BYTES} bytes")
    if not purpose:
        raise ValueError("purpose must not be empty")
    info = b"fieldvisit/" + purpose.encode("utf-8")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(key)


def _derive_kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    secret = password.encode("utf-8")
    if _libsodium_derives(params, salt):
        memory = params.memory_cost * 1024
        return crypto_pwhash_alg(KEY_BYTES, secret, salt, params.time_cost, memory, crypto_pwhash_ALG_ARGON2ID13)
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(secret, salt, params.time_cost, params.memory_cost, params.parallelism, KEY_BYTES, Type.ID)


def _libsodium_derives(params: KdfParams, salt: bytes) -> bool:
    return params.parallelism == 1 and len(salt) == SALT_BYTES


def _associated_data(version: int, params: KdfParams) -> bytes:
    # Binds the format version and the costs to the ciphertext, so neither can be swapped unnoticed.
    return (
        f"fieldvisit-wrapped-key/v{version}/{KDF_NAME}"
        f"/t={params.time_cost}/m={params.memory_cost}/p={params.parallelism}"
    ).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise WrappedKeyFormatError("expected a base64 string")
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        raise WrappedKeyFormatError("invalid base64 in wrapped key") from exc


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise WrappedKeyFormatError("expected a string")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise WrappedKeyFormatError("expected an integer")
    return value
