"""Translations: the app's own zh_CN catalogue (resources/i18n) and Qt's qtbase_zh_CN; Chinese by default.

The catalogue is `resources/i18n/fieldvisit_zh_CN.ts`; see resources/i18n/README.md for how to update
it (`pyside6-lupdate`) and build the shipped `.qm` (`pyside6-lrelease`).
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldvisit.assets import resource_path

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
CATALOGUE = "fieldvisit"


def app_language() -> str:
    """The UI language: zh_CN unless FIELDVISIT_LANG=en asks for the English source strings."""
    return "en" if os.environ.get("FIELDVISIT_LANG", "").lower().startswith("en") else DEFAULT_LANGUAGE


def is_chinese() -> bool:
    """Whether labels from form definitions and enums are shown in Chinese."""
    return app_language() == DEFAULT_LANGUAGE


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Load both catalogues for the UI language; returns them (they must stay alive with the app)."""
    language = app_language()
    if language == "en":
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed: list[QTranslator] = []
    own = QTranslator(app)
    if own.load(f"{CATALOGUE}_{language}", str(resource_path("i18n"))):
        app.installTranslator(own)
        installed.append(own)
    else:
        log.warning("translation catalogue %s_%s.qm not found", CATALOGUE, language)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
