"""Tests of the attachment vault: round trips, no plaintext or plaintext hash on disk, tamper detection."""

import hashlib
import os
from pathlib import Path

import pytest

from fieldvisit.security.keys import new_database_key
from fieldvisit.store.vault import (
    CHUNK_BYTES,
    AttachmentNotFoundError,
    AttachmentVault,
    VaultCorruptError,
)


@pytest.fixture
def key() -> bytes:
    return new_database_key()


@pytest.fixture
def vault(tmp_path: Path, key: bytes) -> AttachmentVault:
    return AttachmentVault(tmp_path / "vault", key)


def _stored_files(vault: AttachmentVault) -> list[Path]:
    return sorted(p for p in vault.root.rglob("*") if p.is_file())


def _only_file(vault: AttachmentVault) -> Path:
    (path,) = _stored_files(vault)
    return path


@pytest.mark.parametrize("size", [0, 1, 1000, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * 1024 * 1024])
def test_put_bytes_round_trip(vault: AttachmentVault, size: int) -> None:
    data = os.urandom(size)
    sha256 = vault.put_bytes(data)
    assert sha256 == hashlib.sha256(data).hexdigest()
    assert vault.has(sha256)
    assert vault.size(sha256) == size
    assert vault.get_bytes(sha256) == data


def test_put_file_round_trip(vault: AttachmentVault, tmp_path: Path) -> None:
    photo = tmp_path / "IMG_0001.jpg"
    data = os.urandom(2 * CHUNK_BYTES + 12345)
    photo.write_bytes(data)
    sha256 = vault.put_file(photo)
    assert sha256 == hashlib.sha256(data).hexdigest()
    assert vault.get_bytes(sha256) == data


def test_same_content_from_bytes_and_file_is_one_attachment(vault: AttachmentVault, tmp_path: Path) -> None:
    data = os.urandom(5000)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(data)
    assert vault.put_bytes(data) == vault.put_file(photo)
    assert len(_stored_files(vault)) == 1


def test_stored_file_reveals_neither_content_nor_its_hash(vault: AttachmentVault) -> None:
    data = ("户主王䶮，身份证号码 110101199003076514。" * 200).encode()
    sha256 = vault.put_bytes(data)
    path = _only_file(vault)
    raw = path.read_bytes()
    assert data[:64] not in raw
    assert "王䶮".encode() not in raw
    assert bytes.fromhex(sha256) not in raw
    assert sha256.encode() not in raw
    assert sha256 not in str(path.relative_to(vault.root))
    assert path.parent.name == path.name[:2]


def test_put_twice_keeps_one_file(vault: AttachmentVault) -> None:
    data = os.urandom(10_000)
    vault.put_bytes(data)
    first = _only_file(vault)
    before = first.read_bytes()
    vault.put_bytes(data)
    assert _only_file(vault) == first
    assert first.read_bytes() == before


def test_no_partial_files_are_left_behind(vault: AttachmentVault) -> None:
    for size in (0, 10, CHUNK_BYTES + 5):
        vault.put_bytes(os.urandom(size))
    assert not [p for p in _stored_files(vault) if p.name.startswith(".")]


@pytest.mark.parametrize("where", ["header", "meta", "first chunk", "last byte"])
def test_flipped_byte_is_detected(vault: AttachmentVault, where: str) -> None:
    sha256 = vault.put_bytes(os.urandom(CHUNK_BYTES + 100))
    path = _only_file(vault)
    raw = bytearray(path.read_bytes())
    offset = {"header": 9, "meta": 30, "first chunk": 200, "last byte": len(raw) - 1}[where]
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(VaultCorruptError):
        vault.get_bytes(sha256)


@pytest.mark.parametrize("cut", [1, 16, 100 + 16])
def test_truncated_file_is_detected(vault: AttachmentVault, cut: int) -> None:
    # Cutting 116 bytes removes exactly the final chunk, leaving a file that ends on a chunk boundary.
    sha256 = vault.put_bytes(os.urandom(CHUNK_BYTES + 100))
    path = _only_file(vault)
    path.write_bytes(path.read_bytes()[:-cut])
    with pytest.raises(VaultCorruptError):
        vault.get_bytes(sha256)


def test_truncated_empty_attachment_is_detected(vault: AttachmentVault) -> None:
    sha256 = vault.put_bytes(b"")
    path = _only_file(vault)
    path.write_bytes(path.read_bytes()[:-16])
    with pytest.raises(VaultCorruptError):
        vault.get_bytes(sha256)


def test_appended_data_is_detected(vault: AttachmentVault) -> None:
    sha256 = vault.put_bytes(os.urandom(100))
    path = _only_file(vault)
    path.write_bytes(path.read_bytes() + b"\x00")
    with pytest.raises(VaultCorruptError):
        vault.get_bytes(sha256)


def test_swapped_files_are_detected(vault: AttachmentVault) -> None:
    first = vault.put_bytes(b"first photo")
    second = vault.put_bytes(b"second photo")
    first_path, second_path = _stored_files(vault)
    first_raw, second_raw = first_path.read_bytes(), second_path.read_bytes()
    first_path.write_bytes(second_raw)
    second_path.write_bytes(first_raw)
    for sha256 in (first, second):
        with pytest.raises(VaultCorruptError):
            vault.get_bytes(sha256)


def test_another_key_cannot_read(vault: AttachmentVault) -> None:
    data = os.urandom(4096)
    sha256 = vault.put_bytes(data)
    original = _only_file(vault)
    thief = AttachmentVault(vault.root, new_database_key())
    assert not thief.has(sha256)
    with pytest.raises(AttachmentNotFoundError):
        thief.get_bytes(sha256)
    assert list(thief.iter_hashes()) == []
    # Even with the file moved to where the other key looks for it, it does not decrypt.
    thief.put_bytes(data)
    (thief_path,) = (p for p in _stored_files(vault) if p != original)
    thief_path.write_bytes(original.read_bytes())
    with pytest.raises(VaultCorruptError):
        thief.get_bytes(sha256)


def test_iter_hashes_lists_what_was_stored(vault: AttachmentVault) -> None:
    assert list(vault.iter_hashes()) == []
    stored = {vault.put_bytes(os.urandom(n)) for n in (0, 10, 2000)}
    assert set(vault.iter_hashes()) == stored


def test_iter_hashes_skips_damaged_files(vault: AttachmentVault) -> None:
    good = vault.put_bytes(b"good")
    good_path = _only_file(vault)
    vault.put_bytes(b"bad")
    (bad_path,) = (p for p in _stored_files(vault) if p != good_path)
    bad_path.write_bytes(b"garbage")
    assert list(vault.iter_hashes()) == [good]


def test_delete(vault: AttachmentVault) -> None:
    sha256 = vault.put_bytes(b"signature")
    vault.delete(sha256)
    assert not vault.has(sha256)
    assert _stored_files(vault) == []
    vault.delete(sha256)
    with pytest.raises(AttachmentNotFoundError):
        vault.get_bytes(sha256)
    with pytest.raises(AttachmentNotFoundError):
        vault.size(sha256)


def test_malformed_hash_is_refused(vault: AttachmentVault) -> None:
    for bad in ["../../etc/passwd", "ABCDEF" * 10 + "ABCD", "0" * 63]:
        with pytest.raises(ValueError):
            vault.has(bad)


def test_vault_key_differs_from_database_key(tmp_path: Path, key: bytes) -> None:
    # The same content under two database keys is stored under different names.
    one = AttachmentVault(tmp_path / "one", key)
    two = AttachmentVault(tmp_path / "two", new_database_key())
    one.put_bytes(b"x")
    two.put_bytes(b"x")
    assert _only_file(one).name != _only_file(two).name
