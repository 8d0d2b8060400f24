"""The member of an income row is chosen among the household members of the same draft, and follows them."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from tests.ui.helpers import choose, fill, find, unlock

A = "330282197203150013"
B = "330282197405160026"


def _options(editor, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    combo = find(editor, QComboBox, f"input_{name}")
    return [combo.itemText(i) for i in range(combo.count())]


def test_income_member_is_chosen_among_members_and_survives_their_removal(qtbot, app_controller) -> None:
    main = unlock(qtbot, app_controller)
    main.show_section("households")
    main.households.start_assessment()
    editor = main.households.currentWidget()
    for index, (name, id_number) in enumerate((("陈𠮷华", A), ("沈丽娟", B))):
        find(editor, QPushButton, "add_members").click()
        fill(editor, f"members_{index}_name", name)
        fill(editor, f"members_{index}_id_number", id_number)
    find(editor, QPushButton, "add_income_items").click()
    assert _options(editor, "income_items_0_member_id_number") == ["— 不指定 —", "陈𠮷华", "沈丽娟"]
    choose(editor, "income_items_0_member_id_number", B)
    assert editor.model.values["income_items"][0]["member_id_number"] == B, "stored as the member's ID number"

    fill(editor, "members_1_name", "沈丽华")
    assert _options(editor, "income_items_0_member_id_number")[2] == "沈丽华"
    combo = find(editor, QComboBox, "input_income_items_0_member_id_number")
    assert combo.currentText() == "沈丽华" and combo.currentData() == B

    find(editor, QPushButton, "remove_members_1").click()
    assert editor.model.values["income_items"][0]["member_id_number"] == B, "the answer is kept"
    message = find(editor, QLabel, "message_income_items_0_member_id_number")
    assert not message.isHidden() and "已删除或已更改" in message.text()
    assert combo.currentData() == B and B in combo.currentText()
