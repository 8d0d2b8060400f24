"""Labelled enums that need no SQLModel: the ones the start-up screens show, loaded before the database layers.

The table modules re-export them (`domain.shared.Role`, `domain.children.RiskLevel`, ...), so either import works.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A string enum whose members also carry their official Chinese term (`.zh`)."""

    zh: str

    def __new__(cls, value: str, zh: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.zh = zh or value
        return member

    @classmethod
    def from_zh(cls, zh: str) -> Self:
        """The member whose Chinese term is `zh`."""
        for member in cls:
            if member.zh == zh:
                return member
        raise ValueError(f"{zh!r} is not a {cls.__name__}")


class RecordState(LabelledEnum):
    DRAFT = "DRAFT", "草稿"
    FINAL = "FINAL", "已定稿"
    VOID = "VOID", "已作废"


class Role(LabelledEnum):
    SOCIAL_WORKER = "SOCIAL_WORKER", "社工(救助协理员)"
    CHILD_DIRECTOR = "CHILD_DIRECTOR", "儿童主任"
    CHILD_SUPERVISOR = "CHILD_SUPERVISOR", "儿童督导员"
    PATROL_OFFICER = "PATROL_OFFICER", "殡葬执法巡查员"
    BUREAU_ADMIN = "BUREAU_ADMIN", "民政局管理员"


class Sex(LabelledEnum):
    MALE = "MALE", "男"
    FEMALE = "FEMALE", "女"


class ChildStatus(LabelledEnum):
    DISCOVERED = "DISCOVERED", "排查发现/待核实"
    ACTIVE = "ACTIVE", "在册"
    CLOSED = "CLOSED", "已注销"


class RiskLevel(LabelledEnum):
    RED = "RED", "红(高)"
    YELLOW = "YELLOW", "黄(中)"
    BLUE = "BLUE", "蓝(低)"
    GREEN = "GREEN", "绿(正常)"

    @property
    def severity(self) -> int:
        """0 for green up to 3 for red, for comparing levels."""
        return {"GREEN": 0, "BLUE": 1, "YELLOW": 2, "RED": 3}[self.value]


class CaseStatus(LabelledEnum):
    DISCOVERED = "DISCOVERED", "发现"
    REGISTERED = "REGISTERED", "登记建档"
    VERIFIED = "VERIFIED", "现场核查"
    NOTICE_ISSUED = "NOTICE_ISSUED", "已下达通知"
    RECTIFYING = "RECTIFYING", "整改中"
    REINSPECTION = "REINSPECTION", "到期复查"
    RECTIFIED = "RECTIFIED", "整改到位"
    NOT_RECTIFIED = "NOT_RECTIFIED", "未整改"
    URGED = "URGED", "催告"
    ENFORCED = "ENFORCED", "强制拆除"
    TRANSFERRED = "TRANSFERRED", "移交"
    CLOSED = "CLOSED", "已销号"
