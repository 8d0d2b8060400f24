"""Small widget helpers every screen uses: named, accessible widgets and primary buttons."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QMenu, QPushButton, QScrollArea, QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, object_name: str, accessible_name: str = "") -> W:
    """Give `widget` an objectName (tests find it by this) and an accessible name (screen readers read it)."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name or object_name)
    return widget


def button(text: str, object_name: str, *, primary: bool = False, parent: QWidget | None = None) -> QPushButton:
    """A push button with a name; a primary one is filled with the accent colour."""
    result = QPushButton(text, parent)
    named(result, object_name, text)
    if primary:
        result.setProperty("primary", True)
        result.setDefault(True)
    return result


def menu_button(text: str, object_name: str, *, parent: QWidget | None = None) -> QPushButton:
    """A push button that opens a drop-down menu (`menu()`); its arrow gets room of its own (theme.py)."""
    result = button(text, object_name, parent=parent)
    result.setMenu(QMenu(result))
    result.setProperty("hasMenu", True)
    return result


def scrolling(area: QScrollArea, content: QWidget) -> QScrollArea:
    """Make `area` scroll `content`, which fills its width, with no frame and what lies behind showing through:
    a page scrolls rather than make the window taller than the screen (large font sizes, small laptops)."""
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.viewport().setAutoFillBackground(False)
    area.setWidget(content)
    content.setAutoFillBackground(False)  # setWidget turns it on
    return area


class Reflowing(QWidget):
    """A widget that rearranges its children (`reflow`) when its width or its font changes."""

    def reflow(self) -> None:
        """Rearrange for the current width and font (subclasses)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.reflow)  # once every child has the new font


def label(text: str, role: str = "", *, wrap: bool = False, parent: QWidget | None = None) -> QLabel:
    """A label, optionally word-wrapped, styled by its role (e.g. "muted", "pageTitle"; see theme.py)."""
    result = QLabel(text, parent)
    if role:
        result.setProperty("role", role)
    result.setWordWrap(wrap)
    return result


def styled(widget: W, role: str) -> W:
    """Give a widget a style role (the stylesheet selects on it), keeping its objectName free for tests."""
    widget.setProperty("role", role)
    return widget


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """Set a boolean style property and re-polish so the stylesheet picks it up."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def banner(text: str, object_name: str, parent: QWidget | None = None) -> QFrame:
    """A coloured box with wrapped text (a frame with margins: a padded QLabel would clip wrapped lines)."""
    frame = QFrame(parent)
    frame.setObjectName(object_name)
    frame.setAccessibleName(text)
    box = QVBoxLayout(frame)
    box.setContentsMargins(12, 8, 12, 8)
    text_label = QLabel(text, frame)
    text_label.setWordWrap(True)
    text_label.setObjectName(f"{object_name}Text")
    box.addWidget(text_label)
    return frame
