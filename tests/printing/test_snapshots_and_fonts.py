"""Snapshots are private copies; fonts are bundled, registered on first use only, and embedded as subsets."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from tests.printing import burial_factories as b
from tests.printing import factories as f

from fieldvisit.domain.assistance import HouseholdMember
from fieldvisit.printing import fonts
from fieldvisit.printing.check_code import CheckCode
from fieldvisit.printing.snapshots import HouseholdSnapshot, Photo


def test_snapshot_copies_the_rows_it_is_given() -> None:
    source = f.household(4, photos=0)
    member = HouseholdMember(assessment_id="a", name="王𠮷", id_number="330282196805170318")
    snapshot = HouseholdSnapshot(assessment=source.assessment, members=[member])
    member.name = "改名"
    source.assessment.investigators[0]["name"] = "改名"
    assert snapshot.members[0].name == "王𠮷"
    assert snapshot.assessment.investigators[0]["name"] == "周建国"
    assert isinstance(snapshot.members, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.members = ()  # type: ignore[misc]


def test_nested_maps_are_read_only() -> None:
    snapshot = b.patrol()
    with pytest.raises(TypeError):
        snapshot.village_names["x"] = "y"  # type: ignore[index]


def test_photo_from_attachment_keeps_its_metadata() -> None:
    from fieldvisit.domain.shared import Attachment

    attachment = Attachment(sha256="ab" * 32, owner_table="grave_case", owner_id="c", slot="photo_wide",
                            caption="远景", latitude=30.2, longitude=121.4, photographer="周国平")  # fmt: skip
    photo = Photo.from_attachment(attachment, b"jpeg")
    assert (photo.kind, photo.caption, photo.sha256, photo.photographer) == ("photo_wide", "远景", "ab" * 32, "周国平")


def test_importing_printing_registers_no_fonts() -> None:
    code = (
        "import fieldvisit.printing.api\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith('FV')))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_bundled_fonts_are_truetype_with_licences_beside_them() -> None:
    for face in fonts.ALL_FACES:
        assert face.path.is_file()
        assert face.path.read_bytes()[:4] in (b"ttcf", b"\x00\x01\x00\x00")  # TrueType outlines, not CFF
        licences = [p.name for p in face.path.parent.iterdir() if "LICENSE" in p.name.upper() or "ARPHICPL" in p.name]
        assert licences, f"no licence beside {face.path.name}"


def test_check_code_round_trip() -> None:
    code = CheckCode("child_visit", "01a2", "child_visit", 3, "f" * 64)
    assert CheckCode.parse(code.payload) == code
    assert CheckCode.parse(CheckCode("patrol_record", "", "patrol", 1, "0" * 64).payload).record_id == ""
    with pytest.raises(ValueError):
        CheckCode.parse("https://example.com")


def test_photos_are_turned_upright_and_large_ones_scaled_down() -> None:
    import io

    from PIL import Image

    from fieldvisit.printing.flowables import PHOTO_MAX_PIXELS, _prepared

    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone turned: stored landscape, shown portrait
    Image.new("RGB", (4000, 3000), "grey").save(buffer, format="JPEG", exif=exif)
    prepared, width, height = _prepared(buffer.getvalue(), PHOTO_MAX_PIXELS)
    assert (width, height) == (PHOTO_MAX_PIXELS * 3 // 4, PHOTO_MAX_PIXELS)
    assert Image.open(prepared).size == (width, height)

    small = f.photo_bytes(1)
    kept, *_ = _prepared(small, PHOTO_MAX_PIXELS)
    assert kept.getvalue() == small  # an upright JPEG of a printable size is embedded unchanged
