"""The check code printed as a QR code on every page: record id, form version and a hash of the printed text."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

PREFIX = "FV1"
BLANK_RECORD = "BLANK"


def content_sha256(document: str, form_id: str, form_version: int, record_id: str, content: Sequence[str]) -> str:
    """SHA-256 (hex) of the canonical serialisation of what a document prints.

    Canonical form: compact JSON (UTF-8, keys sorted, no ASCII escaping) of the document kind, form id and
    version, record id, and every printed string in print order. Page numbers and the check code itself are
    not part of it, so re-rendering the same record from the database gives the same hash.
    """
    payload = {
        "content": list(content),
        "document": document,
        "form": form_id,
        "record": record_id,
        "version": form_version,
    }
    serialised = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(serialised.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CheckCode:
    """What the QR code says: `FV1|<document>|<record id>|<form id>@<version>|<sha256>`."""

    document: str
    record_id: str
    form_id: str
    form_version: int
    sha256: str

    @property
    def payload(self) -> str:
        record = self.record_id or BLANK_RECORD
        return f"{PREFIX}|{self.document}|{record}|{self.form_id}@{self.form_version}|{self.sha256}"

    @property
    def short(self) -> str:
        """The first 12 hex digits, printed under the QR code for reading by eye."""
        return self.sha256[:12]

    @classmethod
    def parse(cls, payload: str) -> CheckCode:
        """Read a scanned payload back; raises ValueError when it is not one of ours."""
        parts = payload.split("|")
        if len(parts) != 5 or parts[0] != PREFIX:
            raise ValueError(f"not a FieldVisit check code: {payload!r}")
        _, document, record, form, digest = parts
        form_id, sep, version = form.rpartition("@")
        if not sep or not version.isdigit() or len(digest) != 64:
            raise ValueError(f"malformed FieldVisit check code: {payload!r}")
        return cls(document, "" if record == BLANK_RECORD else record, form_id, int(version), digest)
