"""Workspace settings kept in the encrypted store: who is working on this device, and the device id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import User
from fieldvisit.store.tables import Setting


class SettingsService:
    """Reads and writes `Setting` rows (device-local; never synced)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self, key: str, default: Any = None) -> Any:
        """The stored value of `key`, or `default`."""
        with Session(self._engine) as session:
            row = session.get(Setting, key)
            return default if row is None or row.value is None else row.value

    def set(self, key: str, value: Any) -> None:
        """Store `value` under `key` (JSON)."""
        with Session(self._engine) as session, session.begin():
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value
                session.add(row)

    def device_id(self) -> str:
        """This device's id, minted on first use."""
        value = self.get("device_id")
        if not value:
            value = new_id()
            self.set("device_id", value)
        return str(value)

    def current_user(self) -> User | None:
        """The staff account working on this device, if one is set."""
        user_id = self.get("current_user_id")
        if not user_id:
            return None
        with Session(self._engine, expire_on_commit=False) as session:
            user = session.get(User, user_id)
            if user is not None:
                session.expunge(user)
            return user

    def set_current_user(self, user_id: str) -> None:
        """Switch who is working (demo workspaces let the tester try each role)."""
        self.set("current_user_id", user_id)
