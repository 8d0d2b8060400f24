"""Pinyin initials for name search: common names, rare characters kept, agreement with pypinyin's own reading."""

from __future__ import annotations

import pytest
from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from fieldvisit.store.search import name_initials


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("张建华", "zjh"),
        ("吕爱国", "lag"),
        ("欧阳娜娜", "oynn"),
        ("王䶮", "wy"),
        ("李𠮷", "l𠮷"),
        ("Anna·李", "anna·l"),
    ],
)
def test_initials_of_names(name: str, initials: str) -> None:
    assert name_initials(name) == initials


def test_every_hundredth_character_agrees_with_pypinyin() -> None:
    code_points = sorted(pinyin_dict)[::100]
    assert len(code_points) > 400
    for code_point in code_points:
        character = chr(code_point)
        expected = lazy_pinyin(character, style=Style.FIRST_LETTER, errors="default")[0][:1].lower()
        assert name_initials(character) == expected, (hex(code_point), character)
