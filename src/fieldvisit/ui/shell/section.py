"""A section of the main window: a list at the bottom, detail pages and editors pushed on top, Back to return."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget


class Section(QStackedWidget):
    """A stack of pages; the first (the list) stays, the others are closed when left."""

    def __init__(self, root: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.addWidget(root)

    def push(self, page: QWidget) -> None:
        """Show `page` on top."""
        self.addWidget(page)
        self.setCurrentWidget(page)

    def pop(self) -> None:
        """Close the top page (saving what it holds) and show the one below."""
        page = self.currentWidget()
        if page is self.root or page is None:
            return
        leave = getattr(page, "leave", None)
        if callable(leave):
            leave()
        self.removeWidget(page)
        page.deleteLater()
        current = self.currentWidget()
        refresh = getattr(current, "refresh", None) or getattr(current, "load", None)
        if callable(refresh):
            refresh()

    def pop_to_root(self) -> None:
        """Close every page above the list."""
        while self.currentWidget() is not self.root and self.count() > 1:
            self.pop()

    def flush(self) -> None:
        """Ask every open page to save what is being typed."""
        for index in range(self.count()):
            flush = getattr(self.widget(index), "flush", None)
            if callable(flush):
                flush()
