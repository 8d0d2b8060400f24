"""The lists fit a 1366×768 window without sideways scrolling, at 100%, 150% and 200% font size; no false sync."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QComboBox
from tests.ui.helpers import unlock

from fieldvisit.ui.lists.column_widths import WidthNeed, fit_widths
from fieldvisit.ui.theme import apply_theme

SECTIONS = ("children", "households", "cases")


def test_fit_widths_shrinks_what_may_shrink_and_gives_spare_width_to_the_stretching_column() -> None:
    needs = [WidthNeed(200, 100), WidthNeed(80, 80, stretch=True), WidthNeed(150, 50)]
    assert fit_widths(needs, 530) == [200, 180, 150]
    narrowed = fit_widths(needs, 330)
    assert sum(narrowed) == 330 and narrowed[1] == 80 and narrowed[0] >= 100 and narrowed[2] >= 50
    assert fit_widths(needs, 100) == [100, 80, 50], "never below the minimum: the list scrolls instead"


@pytest.fixture
def main(qtbot, app_controller) -> Iterator[object]:  # type: ignore[no-untyped-def]
    window = unlock(qtbot, app_controller)
    admin = next(u for u in app_controller.services.reference.users() if u.role == "BUREAU_ADMIN")
    window.user_changed.emit(admin.id)
    main = app_controller.main_window
    main.resize(QSize(1366, 768))
    yield main
    apply_theme(QApplication.instance(), 100)


def _check_lists(qtbot, main, *, roomy: bool = True) -> None:  # type: ignore[no-untyped-def]
    for section in SECTIONS:
        main.show_section(section)
        page = main.page(section).list
        qtbot.waitUntil(lambda p=page: p.model.rowCount() > 0)
        QApplication.processEvents()
        table = page.table
        header = table.horizontalHeader()
        shown = [c.key for i, c in enumerate(page.model.columns) if not table.isColumnHidden(i)]
        if roomy:
            assert not table.horizontalScrollBar().isVisible(), f"the {section} list scrolls sideways"
            assert sum(header.sectionSize(i) for i in range(header.count()) if not table.isColumnHidden(i)) <= (
                table.viewport().width()
            )
        for combo in page.findChildren(QComboBox) if roomy else ():
            label = combo.itemText(0)
            assert combo.width() >= combo.fontMetrics().horizontalAdvance(label), f"{label} is cut ({section})"
        name_key = {"children": "name", "households": "applicant", "cases": "party"}[section]
        assert name_key in shown and "sync" not in shown, "the demo workspace never syncs: no sync column"
        name = next(i for i, c in enumerate(page.model.columns) if c.key == name_key)
        longest = max(page.model.columns[name].display(r) for r in page.model.rows())
        assert page.proxy.index(0, name).data(Qt.ItemDataRole.ToolTipRole), "the full text stays in the tooltip"
        assert header.sectionSize(name) >= table.fontMetrics().horizontalAdvance(longest[:3])


def test_lists_fit_1366_pixels_without_sideways_scrolling_or_sync_claims(qtbot, main) -> None:
    _check_lists(qtbot, main)
    main.show_section("settings")
    QApplication.processEvents()
    smallest = main.minimumSizeHint()
    assert smallest.width() <= 1280 and smallest.height() <= 720, "the window fits an old 1280×768 screen"
    households = main.page("households").list
    texts = {households.proxy.index(r, c).data() for r in range(households.proxy.rowCount()) for c in range(12)}
    assert "已同步" not in texts


@pytest.mark.parametrize("percent", [150, 200])
def test_lists_stay_usable_at_large_font_sizes(qtbot, main, percent: int) -> None:
    apply_theme(QApplication.instance(), percent)
    QApplication.processEvents()
    # The filters move to a row of their own, each showing its label. At 200% a 1366-pixel screen has no room
    # for six filters' labels or for the columns a list cannot do without: the labels are in tooltips and the
    # list scrolls sideways, rather than the window growing wider than the screen.
    _check_lists(qtbot, main, roomy=percent <= 150)
    main.show_section("settings")
    main.show_section("dashboard")
    QApplication.processEvents()
    smallest = main.minimumSizeHint()
    assert smallest.width() <= 1366 and smallest.height() <= 720, "the window still fits a 1366×768 screen"
    search = main.page("children").list.search
    assert search.width() >= search.fontMetrics().horizontalAdvance(search.placeholderText()), "the hint is cut"


def test_household_results_say_not_eligible_rather_than_nothing(qtbot, main) -> None:
    main.show_section("households")
    page = main.page("households").list
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    result = next(c for c, column in enumerate(page.model.columns) if column.key == "suggestion")
    rows = page.model.rows()
    worked_out = [(r, row) for r, row in enumerate(rows) if row.per_capita_monthly_income_fen is not None]
    assert any(not row.suggestion for _, row in worked_out), "the demo has households that meet no condition"
    for r, row in worked_out:
        shown = page.model.index(r, result).data()
        assert shown == ("不符合" if not row.suggestion else shown) and shown
    for r, row in enumerate(rows):
        if row.per_capita_monthly_income_fen is None:
            assert not page.model.index(r, result).data()
