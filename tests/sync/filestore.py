"""A file-backed SecretStore for crash tests only: tokens must outlive a killed client process."""

from __future__ import annotations

import json
import os
from pathlib import Path


class FileSecretStore:
    """Secrets in a JSON file (tests only: the app never writes secrets to a plain file)."""

    backend_name = "test file store"
    persistent = True

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            return dict(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def _write(self, data: dict[str, str]) -> None:
        temp = self.path.with_suffix(".tmp")
        temp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temp, self.path)

    def get(self, name: str) -> str | None:
        return self._read().get(name)

    def set(self, name: str, value: str) -> None:
        self._write({**self._read(), name: value})

    def delete(self, name: str) -> None:
        data = self._read()
        data.pop(name, None)
        self._write(data)
