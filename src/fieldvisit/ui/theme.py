"""The look of the app: one font (scaled by the font-size setting), one stylesheet, status colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 12
"""Body text at 100%: large enough for older eyes on a laptop screen."""

_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "PingFang SC")
# Rare characters (CJK Extension B such as 𠮷) come from fallback faces; Qt picks them glyph by glyph.
_FALLBACKS = ("HanaMinB", "HanaMinA", "Noto Sans CJK SC", "Noto Color Emoji")

ACCENT = "#1f5fa8"
TEXT = "#1f2933"
MUTED = "#52606d"
ERROR = "#b3261e"
WARNING = "#8a5a00"
SURFACE = "#ffffff"
BACKGROUND = "#f3f5f8"
BORDER = "#cbd2d9"

RISK_COLOURS: dict[str, tuple[str, str]] = {
    # background, text: readable pairs (contrast ≥ 4.5:1)
    "RED": ("#c62828", "#ffffff"),
    "YELLOW": ("#f9c74f", "#3d2c00"),
    "BLUE": ("#1e6bb8", "#ffffff"),
    "GREEN": ("#2e7d32", "#ffffff"),
}
STATE_COLOURS: dict[str, tuple[str, str]] = {
    "DRAFT": ("#fff4d6", "#6b4e00"),
    "FINAL": ("#e3f1e4", "#1e5b23"),
    "VOID": ("#eceff1", "#455a64"),
    "OVERDUE": ("#fde7e6", "#9b1c15"),
    "DONE": ("#e3f1e4", "#1e5b23"),
}

SYNC_COLOURS: dict[str, tuple[str, str]] = {
    "PENDING": ("#fff4d6", "#6b4e00"),
    "SYNCED": ("#e3f1e4", "#1e5b23"),
    "CONFLICT": ("#fde7e6", "#9b1c15"),
    "QUARANTINED": ("#ede4f5", "#4a2a6b"),
}
"""Chip colours of the sync badges: 待同步 amber, 已同步 green, 冲突 red, 隔离 purple."""


def ui_font_family() -> str:
    """The first installed CJK sans-serif face (the system default when none is found)."""
    installed = set(QFontDatabase.families())
    for family in _FAMILIES:
        if family in installed:
            return family
    return QApplication.font().family()


def point_size(percent: int, step: float = 0) -> float:
    """A font size in points at `percent` scale; `step` makes headings larger (1 = one step up)."""
    return BASE_POINT_SIZE * percent / 100 * (1.2**step)


def apply_theme(app: QApplication, percent: int) -> None:
    """Set the application font and stylesheet for a font scale (100–200%); every widget follows."""
    if app.property("fieldvisitFontScale") == percent:
        return
    app.setProperty("fieldvisitFontScale", percent)
    family = ui_font_family()
    font = QFont(family)
    font.setPointSizeF(point_size(percent))
    font.setFamilies([family, *(f for f in _FALLBACKS if f != family)])
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    app.setStyleSheet(stylesheet(percent))


def risk_colour(level: str) -> tuple[QColor, QColor]:
    """Background and text colours of a risk level's chip (grey for an unknown level)."""
    background, text = RISK_COLOURS.get(level, ("#cfd8dc", TEXT))
    return QColor(background), QColor(text)


def stylesheet(percent: int) -> str:
    """The application stylesheet; sizes grow with the font scale."""
    s = percent / 100

    def px(value: float) -> str:
        return f"{round(value * s)}px"

    return f"""
    QWidget {{ color: {TEXT}; }}
    QMainWindow, QDialog, #unlockWindow, #firstRunWindow {{ background: {BACKGROUND}; }}
    QLabel {{ background: transparent; }}
    #navigation {{ background: #17324d; }}
    #navigation QPushButton {{
        color: #e6edf5; background: transparent; border: none; text-align: left;
        padding: {px(12)} {px(18)}; font-size: {point_size(percent, 0.5):.1f}pt;
    }}
    #navigation QPushButton:hover {{ background: #21476d; }}
    #navigation QScrollBar:vertical {{ background: #17324d; width: {px(10)}; }}
    #navigation QScrollBar::handle:vertical {{ background: #3d5f82; border-radius: {px(4)}; min-height: {px(24)}; }}
    #navigation QScrollBar::add-line, #navigation QScrollBar::sub-line {{ height: 0; }}
    #navigation QPushButton:checked {{ background: {ACCENT}; color: white; font-weight: bold; }}
    #navigation QLabel {{ color: #9fb3c8; padding: {px(6)} {px(18)}; }}
    #navigation QLabel[role="appTitle"] {{ color: white; font-size: {point_size(percent, 1.5):.1f}pt; font-weight: bold;
                padding: {px(18)} {px(18)} {px(6)} {px(18)}; }}
    #demoBanner, #syncDemoBanner {{ background: #fff4d6; border: 1px solid #e8c46a; border-radius: 4px; }}
    #demoBanner QLabel, #syncDemoBanner QLabel {{ color: #6b4e00; font-weight: bold; background: transparent; }}
    #readOnlyBanner {{ background: #e3f1e4; border: 1px solid #a5d6a7; border-radius: 4px; }}
    #readOnlyBanner QLabel {{ color: #1e5b23; font-weight: bold; background: transparent; }}
    #issuesBox, #firstRunNotice {{ background: #fde7e6; border: 1px solid #e6a19c; border-radius: 6px; }}
    #firstRunNotice QLabel {{ color: #7f1d16; font-weight: bold; background: transparent; }}
    #issuesBox QLabel {{ color: #7f1d16; background: transparent; }}
    QLabel[role="pageTitle"] {{ font-size: {point_size(percent, 2):.1f}pt; font-weight: bold; }}
    QLabel[role="sectionTitle"] {{ font-size: {point_size(percent, 1):.1f}pt; font-weight: bold; color: {ACCENT};
                     padding-top: {px(10)}; }}
    QFrame[role="card"] {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; }}
    QPushButton[card="true"] {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
                                 text-align: left; padding: 0; min-height: {px(104)}; min-width: {px(190)}; }}
    QPushButton[card="true"]:hover {{ border: 2px solid {ACCENT}; background: #f7faff; }}
    QLabel[role="cardNumber"] {{ font-size: {point_size(percent, 4):.1f}pt; font-weight: bold; color: {ACCENT}; }}
    QLabel[role="cardLabel"] {{ color: {MUTED}; }}
    QLabel[role="dueText"] {{ font-size: {point_size(percent, 1.5):.1f}pt; font-weight: bold; }}
    QLabel[role="statusChip"] {{ background: #e3eaf3; color: {ACCENT}; border-radius: 4px; padding: {px(4)} {px(10)};
                                font-weight: bold; }}
    QLabel[role="fieldLabel"] {{ font-weight: bold; color: #323f4b; }}
    QLabel[role="computed"] {{ font-weight: bold; color: {ACCENT}; }}
    QFrame[role="trace"] {{ background: #f7f9fb; border: 1px solid {BORDER}; border-radius: 4px; }}
    QFrame[role="rowBlock"] {{ background: #f7f9fb; border: 1px solid {BORDER}; border-radius: 6px; }}
    QLabel[role="muted"] {{ color: {MUTED}; }}
    QLabel[role="fieldError"] {{ color: {ERROR}; }}
    QLabel[role="fieldWarning"] {{ color: {WARNING}; }}
    QLabel[role="fieldHelp"] {{ color: {MUTED}; }}
    QFrame[role="dueBox"] {{ background: #e8f1fb; border: 1px solid #9cc0e6; border-radius: 8px; padding: {px(10)}; }}
    QFrame[role="dueBox"][overdue="true"] {{ background: #fde7e6; border-color: #e6a19c; }}
    QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QSpinBox {{
        background: white; border: 1px solid {BORDER}; border-radius: 4px; padding: {px(5)} {px(6)};
        min-height: {px(22)};
    }}
    QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 2px solid {ACCENT}; }}
    QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 2px solid {ERROR}; background: #fff8f7; }}
    QLineEdit:read-only {{ background: #eef1f4; }}
    QPushButton {{
        background: white; border: 1px solid {BORDER}; border-radius: 4px; padding: {px(7)} {px(16)};
        min-height: {px(22)};
    }}
    QPushButton:hover {{ background: #eef4fb; }}
    QPushButton[hasMenu="true"] {{ padding-right: {px(30)}; }}
    QPushButton[hasMenu="true"]::menu-indicator {{ subcontrol-origin: padding; subcontrol-position: center right;
                                                 right: {px(10)}; }}
    QPushButton:disabled {{ color: #9aa5b1; background: #f0f2f4; }}
    QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT}; font-weight: bold; }}
    QPushButton[primary="true"]:hover {{ background: #194f8c; }}
    QPushButton[primary="true"]:disabled {{ background: #8aa9cc; border-color: #8aa9cc; }}
    QTableView {{ background: white; gridline-color: #e4e7eb; selection-background-color: #d4e4f7;
                  selection-color: {TEXT}; border: 1px solid {BORDER}; }}
    QHeaderView::section {{ background: #e9edf2; padding: {px(6)}; border: none;
                            border-right: 1px solid {BORDER}; font-weight: bold; }}
    QGroupBox {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; margin-top: {px(14)};
                 padding: {px(12)} {px(10)} {px(10)} {px(10)}; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: {px(10)}; padding: 0 {px(4)}; color: {ACCENT};
                        font-weight: bold; }}
    QScrollArea {{ border: none; background: transparent; }}
    QToolTip {{ background: #ffffe1; color: {TEXT}; border: 1px solid {BORDER}; }}
    """
