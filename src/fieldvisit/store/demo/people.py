"""Realistic people for demo data: Cixi surnames, given names with a few rare characters, valid ID numbers."""

from __future__ import annotations

import random
from datetime import date, timedelta

from fieldvisit.domain.assistance import Sex
from fieldvisit.domain.resident_id import make_id_number

CIXI_REGION = "330282"

SURNAMES = "陈王张李胡孙徐沈周叶岑罗蒋应马潘施杨黄吴劳柴邹朱钱褚魏余俞顾方鲁谢袁宓虞高韩郑冯姚邵汪毛许何董邱"
GIVEN_MALE = "建国华明伟强军平志海东亮杰斌涛磊鹏辉刚勇林峰浩宇晨航俊豪"
GIVEN_FEMALE = "芳英丽敏静燕娟霞红梅兰琴萍秀玲婷雪慧佳怡欣悦彤萱妍"
# Characters real names carry and systems mangle: Extension A/B, and rare BMP forms. A few demo people have them.
RARE_GIVEN = ("𠮷", "䶮", "堃", "喆", "昇", "燊", "珺", "𬌗")


class PersonFactory:
    """Deterministic names and resident ID numbers from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._sequence = 0

    def name(self, sex: Sex, *, surname: str | None = None) -> str:
        """A two- or three-character name; about one in forty has a rare character."""
        family = surname or self.rng.choice(SURNAMES)
        pool = GIVEN_MALE if sex == Sex.MALE else GIVEN_FEMALE
        if self.rng.random() < 0.025:
            given = self.rng.choice(RARE_GIVEN)
        elif self.rng.random() < 0.7:
            given = self.rng.choice(pool) + self.rng.choice(pool)
        else:
            given = self.rng.choice(pool)
        return family + given

    def sex(self) -> Sex:
        """Male or female, evenly."""
        return Sex.MALE if self.rng.random() < 0.5 else Sex.FEMALE

    def birth_date(self, today: date, min_age: int, max_age: int) -> date:
        """A birth date giving an age in [min_age, max_age] on `today`."""
        oldest = today.replace(year=today.year - max_age - 1) + timedelta(days=1)
        youngest = today.replace(year=today.year - min_age)
        return oldest + timedelta(days=self.rng.randrange((youngest - oldest).days + 1))

    def id_number(self, birth: date, sex: Sex) -> str:
        """A valid 18-character ID number registered in 慈溪."""
        self._sequence += 1
        return make_id_number(CIXI_REGION, birth, self._sequence % 500, sex)

    def phone(self) -> str:
        """A plausible 11-digit mobile number."""
        return self.rng.choice(("138", "139", "158", "187", "135")) + f"{self.rng.randrange(10**8):08d}"
