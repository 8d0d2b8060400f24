"""List models without widgets: search by name, pinyin initials and ID digits; filters; native sort order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt

from fieldvisit.domain.assistance import Sex
from fieldvisit.domain.resident_id import make_id_number
from fieldvisit.store.repositories.search import SearchKeys, compile_query
from fieldvisit.store.search import name_initials
from fieldvisit.ui.lists.filter_proxy import ListFilterProxy
from fieldvisit.ui.lists.table_model import SORT_ROLE, Column, RecordTableModel


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    due: date | None


NAMES = ["张建华", "王䶮", "李𠮷", "张伟", "陈丽娟"]


def _model() -> tuple[RecordTableModel[Row], ListFilterProxy, dict[str, SearchKeys]]:
    rows = [Row(str(i), name, date(2026, 12, 1 + i) if i % 2 else None) for i, name in enumerate(NAMES)]
    keys = {
        r.id: SearchKeys(r.name, (name_initials(r.name),), (make_id_number("330282", date(2015, 3, 1), i, Sex.MALE),))
        for i, r in enumerate(rows)
    }
    columns = [
        Column("name", "Name", lambda r: r.name),
        Column("due", "Due", lambda r: str(r.due or ""), lambda r: r.due),
    ]
    model: RecordTableModel[Row] = RecordTableModel(columns, lambda r: r.id)
    model.set_rows(rows)
    proxy = ListFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy, keys


def _shown(proxy: ListFilterProxy) -> list[str]:
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_search_by_name_pinyin_initials_and_id_digits() -> None:
    _, proxy, keys = _model()

    def search(text: str) -> list[str]:
        match = compile_query(text)
        proxy.set_predicate(None if match is None else (lambda row: match(keys[row.id])))
        return _shown(proxy)

    assert search("张") == ["张建华", "张伟"]
    assert search("zjh") == ["张建华"]
    assert search("ZW") == ["张伟"]
    assert search("𠮷") == ["李𠮷"]
    last4 = keys["4"].id_numbers[0][-4:]
    assert search(last4) == ["陈丽娟"]
    assert search(keys["1"].id_numbers[0]) == ["王䶮"]
    assert search("") == NAMES
    assert search("不存在") == []


def test_sort_uses_native_values_with_blanks_last() -> None:
    model, proxy, _ = _model()
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())][:2] == ["王䶮", "张伟"]
    assert proxy.index(proxy.rowCount() - 1, 1).data() == ""
    assert model.index(0, 1).data(SORT_ROLE) == date(2026, 12, 2)


def test_filter_then_sort_keeps_the_filter() -> None:
    _, proxy, _ = _model()
    proxy.set_predicate(lambda row: row.due is not None)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert _shown(proxy) == sorted(["王䶮", "张伟"], reverse=True)
