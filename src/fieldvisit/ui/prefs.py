"""Per-workspace preferences kept beside the workspace (font size, idle lock, auto sync): readable before unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

FONT_SCALES = (100, 125, 150, 175, 200)
IDLE_LOCK_CHOICES = (5, 10, 15, 30, 60)
DEFAULT_IDLE_LOCK_MINUTES = 15
PREFS_FILE = "preferences.ini"


class Preferences:
    """Font scale, idle-lock minutes and automatic sync in an INI file; nothing personal is kept here."""

    def __init__(self, directory: Path) -> None:
        self._settings = QSettings(str(directory / PREFS_FILE), QSettings.Format.IniFormat)

    def font_scale(self) -> int:
        """The font size in percent, one of FONT_SCALES."""
        value = _int(self._settings.value("ui/font_scale", 100))
        return value if value in FONT_SCALES else 100

    def set_font_scale(self, percent: int) -> None:
        """Remember the font size (100–200%)."""
        if percent not in FONT_SCALES:
            raise ValueError(f"font scale must be one of {FONT_SCALES}")
        self._settings.setValue("ui/font_scale", percent)
        self._settings.sync()

    def idle_lock_minutes(self) -> int:
        """Minutes without input before the screen locks."""
        value = _int(self._settings.value("security/idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES))
        return value if value in IDLE_LOCK_CHOICES else DEFAULT_IDLE_LOCK_MINUTES

    def set_idle_lock_minutes(self, minutes: int) -> None:
        """Remember the idle-lock delay."""
        if minutes not in IDLE_LOCK_CHOICES:
            raise ValueError(f"idle lock must be one of {IDLE_LOCK_CHOICES}")
        self._settings.setValue("security/idle_lock_minutes", minutes)
        self._settings.sync()

    def auto_sync(self) -> bool:
        """Whether to sync by itself while the bureau is reachable (on by default)."""
        return str(self._settings.value("sync/auto", "true")).lower() == "true"

    def set_auto_sync(self, on: bool) -> None:
        """Remember the automatic-sync choice."""
        self._settings.setValue("sync/auto", "true" if on else "false")
        self._settings.sync()


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return -1
