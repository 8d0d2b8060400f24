"""The encrypted attachment vault: photos and signatures by SHA-256, kept as chunked AES-GCM files."""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import os
import re
import secrets
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fieldvisit.security.keys import derive_subkey

log = logging.getLogger(__name__)

CHUNK_BYTES = 1024 * 1024
"""Plaintext bytes per AEAD chunk: at most about two chunks are in memory while storing a file."""

# File layout (format 1):
#   header  MAGIC (8) | chunk size u32 (4) | nonce prefix (8)                   -- bound into every AAD
#   meta    AES-GCM(nonce = prefix | 0xFFFFFFFF, sha256 (32) | size u64 (8))   -- 40 + 16 bytes
#   chunks  AES-GCM(nonce = prefix | index u32, plaintext chunk), AAD = header | sha256 | index | final flag
# The meta block names the content, so listing the vault reads 76 bytes per file; binding the sha256 and
# the final flag into each chunk's AAD detects swapped, reordered, truncated or extended files.
MAGIC = b"FVVAULT\x01"
_HEADER = struct.Struct(">8sI8s")
_META = struct.Struct(">32sQ")
_TAG_BYTES = 16
_META_COUNTER = 0xFFFFFFFF
_MAX_CHUNK_BYTES = 64 * 1024 * 1024
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class VaultError(Exception):
    """A vault operation failed."""


class VaultCorruptError(VaultError):
    """A stored attachment fails authentication or its hash check: damaged, truncated, swapped or foreign."""


class AttachmentNotFoundError(VaultError, LookupError):
    """No attachment with this SHA-256 is in the vault."""


class SourceChangedError(VaultError):
    """The file being stored changed while it was read."""


@dataclass(frozen=True)
class _Meta:
    header: bytes
    prefix: bytes
    chunk_bytes: int
    digest: bytes
    size: int


class AttachmentVault:
    """Encrypted, content-addressed attachment files under `root`, keyed by a subkey of the database key."""

    def __init__(self, root: Path, key: bytes) -> None:
        vault_key = derive_subkey(key, "attachments")
        # Separate keys for naming and for encryption, both from the vault key.
        self._name_key = derive_subkey(vault_key, "attachments/names")
        self._aead = AESGCM(derive_subkey(vault_key, "attachments/content"))
        self.root = root

    def put_bytes(self, data: bytes) -> str:
        """Store `data`; return the SHA-256 hex of the original bytes. Storing known content is a no-op."""
        sha256 = hashlib.sha256(data).hexdigest()
        if not self.has(sha256):
            self._write(sha256, len(data), io.BytesIO(data))
        return sha256

    def put_file(self, path: Path) -> str:
        """Store the file at `path` without holding it in memory; return the SHA-256 hex of its bytes."""
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as source:
            while block := source.read(CHUNK_BYTES):
                digest.update(block)
                size += len(block)
            sha256 = digest.hexdigest()
            if not self.has(sha256):
                source.seek(0)
                self._write(sha256, size, source)
        return sha256

    def get_bytes(self, sha256: str) -> bytes:
        """The original bytes; raise VaultCorruptError unless they authenticate and hash to `sha256`."""
        path = self._path(sha256)
        try:
            with path.open("rb") as f:
                return self._decrypt(f, bytes.fromhex(sha256))
        except FileNotFoundError:
            raise AttachmentNotFoundError(sha256) from None

    def has(self, sha256: str) -> bool:
        """Whether an attachment with this SHA-256 is stored (its content is not checked)."""
        return self._path(sha256).is_file()

    def delete(self, sha256: str) -> None:
        """Remove the attachment; removing an absent one is not an error."""
        self._path(sha256).unlink(missing_ok=True)

    def size(self, sha256: str) -> int:
        """Size in bytes of the original content, from the authenticated metadata."""
        try:
            with self._path(sha256).open("rb") as f:
                meta = self._read_meta(f)
        except FileNotFoundError:
            raise AttachmentNotFoundError(sha256) from None
        if meta.digest.hex() != sha256:
            raise VaultCorruptError("stored attachment holds other content than its name says")
        return meta.size

    def iter_hashes(self) -> Iterator[str]:
        """The SHA-256 of every stored attachment; files that fail authentication are logged and skipped."""
        if not self.root.is_dir():
            return
        for shard in sorted(self.root.iterdir()):
            if not (shard.is_dir() and len(shard.name) == 2):
                continue
            for path in sorted(shard.iterdir()):
                if not _SHA256_HEX.fullmatch(path.name):
                    continue
                try:
                    with path.open("rb") as f:
                        sha256 = self._read_meta(f).digest.hex()
                except VaultCorruptError:
                    log.warning("skipping damaged vault file %s", path.name)
                    continue
                if self._name(sha256) != path.name:
                    log.warning("skipping misplaced vault file %s", path.name)
                    continue
                yield sha256

    def _name(self, sha256: str) -> str:
        if not _SHA256_HEX.fullmatch(sha256):
            raise ValueError("expected a lower-case SHA-256 hex digest")
        # Named by a keyed hash so that a lost disk does not tell whether a known photo is on it.
        return hmac.new(self._name_key, bytes.fromhex(sha256), hashlib.sha256).hexdigest()

    def _path(self, sha256: str) -> Path:
        name = self._name(sha256)
        return self.root / name[:2] / name

    def _write(self, sha256: str, size: int, source: BinaryIO) -> None:
        final_path = self._path(sha256)
        final_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        digest = bytes.fromhex(sha256)
        prefix = secrets.token_bytes(8)
        header = _HEADER.pack(MAGIC, CHUNK_BYTES, prefix)
        # The temporary file sits beside the final one (same filesystem, so the rename is atomic) and
        # only ever holds ciphertext.
        fd, tmp_name = tempfile.mkstemp(prefix=".partial-", dir=final_path.parent)
        tmp_path = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header)
                out.write(self._aead.encrypt(_nonce(prefix, _META_COUNTER), _META.pack(digest, size), header))
                self._encrypt_chunks(source, out, header, prefix, digest, size)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp_path, final_path)
        except BaseException:
            tmp_path.unlink(missing_ok=True)
            raise
        _fsync_directory(final_path.parent)

    def _encrypt_chunks(
        self, source: BinaryIO, out: BinaryIO, header: bytes, prefix: bytes, digest: bytes, size: int
    ) -> None:
        count = _chunk_count(size, CHUNK_BYTES)
        check = hashlib.sha256()
        for index in range(count):
            expected = min(CHUNK_BYTES, size - index * CHUNK_BYTES)
            chunk = source.read(expected)
            if len(chunk) != expected:
                raise SourceChangedError("the file got shorter while it was stored")
            check.update(chunk)
            aad = _chunk_aad(header, digest, index, final=index == count - 1)
            out.write(self._aead.encrypt(_nonce(prefix, index), chunk, aad))
        if source.read(1) or check.digest() != digest:
            raise SourceChangedError("the file changed while it was stored")

    def _read_meta(self, f: BinaryIO) -> _Meta:
        header = f.read(_HEADER.size)
        if len(header) != _HEADER.size:
            raise VaultCorruptError("vault file is truncated")
        magic, chunk_bytes, prefix = _HEADER.unpack(header)
        if magic != MAGIC or not 0 < chunk_bytes <= _MAX_CHUNK_BYTES:
            raise VaultCorruptError("vault file has an unknown format")
        sealed = f.read(_META.size + _TAG_BYTES)
        try:
            digest, size = _META.unpack(self._aead.decrypt(_nonce(prefix, _META_COUNTER), sealed, header))
        except InvalidTag:
            raise VaultCorruptError("vault file does not authenticate") from None
        return _Meta(header, prefix, chunk_bytes, digest, size)

    def _decrypt(self, f: BinaryIO, digest: bytes) -> bytes:
        meta = self._read_meta(f)
        if meta.digest != digest:
            raise VaultCorruptError("stored attachment holds other content than its name says")
        count = _chunk_count(meta.size, meta.chunk_bytes)
        if count >= _META_COUNTER:
            raise VaultCorruptError("vault file claims an impossible size")
        plain = bytearray()
        check = hashlib.sha256()
        for index in range(count):
            expected = min(meta.chunk_bytes, meta.size - index * meta.chunk_bytes)
            sealed = f.read(expected + _TAG_BYTES)
            aad = _chunk_aad(meta.header, digest, index, final=index == count - 1)
            try:
                chunk = self._aead.decrypt(_nonce(meta.prefix, index), sealed, aad)
            except InvalidTag:
                raise VaultCorruptError("vault file does not authenticate (damaged or truncated)") from None
            check.update(chunk)
            plain += chunk
        if f.read(1):
            raise VaultCorruptError("vault file has trailing data")
        if check.digest() != digest:
            raise VaultCorruptError("attachment content does not match its SHA-256")
        return bytes(plain)


def _chunk_count(size: int, chunk_bytes: int) -> int:
    # Empty content is still one (empty, final) chunk, so a file cut after its metadata is detected.
    return max(1, -(-size // chunk_bytes))


def _nonce(prefix: bytes, counter: int) -> bytes:
    return prefix + counter.to_bytes(4, "big")


def _chunk_aad(header: bytes, digest: bytes, index: int, *, final: bool) -> bytes:
    return header + digest + index.to_bytes(4, "big") + (b"\x01" if final else b"\x00")


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a directory and commits renames itself.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
