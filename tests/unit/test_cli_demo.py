"""The console: `fieldvisit demo` builds a realistic workspace and `fieldvisit check` verifies and counts it."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session
from tests.conftest import TEST_PASSWORD

from fieldvisit.domain.burial import CaseStatus, GraveCase
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.resident_id import parse_id_number
from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.store.demo import generate_demo
from fieldvisit.store.demo.people import RARE_GIVEN
from fieldvisit.store.repositories.dashboard import DashboardRepository
from fieldvisit.store.tables import SearchEntry
from fieldvisit.store.workspace import create_workspace

FIELDVISIT = str(Path(sys.executable).parent / "fieldvisit")


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FIELDVISIT, *args], capture_output=True, text=True, input=stdin, timeout=300)


def test_help_lists_the_subcommands() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for command in ("demo", "check"):
        assert command in result.stdout


def test_demo_then_check_prints_counts_and_exits_zero(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    made = _run("demo", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert "demo2026" in made.stdout

    checked = _run("check", str(out))
    assert checked.returncode == 0, checked.stderr
    counts = dict(re.findall(r"^\s+(households|children|visits|grave cases) \(.*\): (\d+)$", checked.stdout, re.M))
    assert int(counts["households"]) == 150
    assert int(counts["children"]) == 60
    assert int(counts["visits"]) > 500
    assert int(counts["grave cases"]) == 40
    assert "header encrypted: True" in checked.stdout
    assert checked.stdout.rstrip().endswith("OK")


def test_check_of_a_private_workspace_reads_the_password_from_stdin(tmp_path: Path) -> None:
    workspace = create_workspace(tmp_path / "ws", TEST_PASSWORD, kdf_params=FAST_TEST_PARAMS)
    workspace.close()
    assert _run("check", str(workspace.path), "--password-stdin", stdin=TEST_PASSWORD + "\n").returncode == 0
    wrong = _run("check", str(workspace.path), "--password-stdin", stdin="nope\n")
    assert wrong.returncode == 3
    assert "密码错误" in wrong.stderr


def test_check_refuses_a_directory_without_a_workspace(tmp_path: Path) -> None:
    result = _run("check", str(tmp_path))
    assert result.returncode == 2
    assert "不是民政走访的数据目录" in result.stderr


def test_demo_data_is_realistic(workspace) -> None:
    today = date(2026, 11, 28)
    generate_demo(workspace.engine, today=today, scale=1)
    with Session(workspace.engine) as session:
        children = session.exec(select(ChildFile)).scalars().all()
        statuses = set(session.exec(select(GraveCase.status)).scalars().all())
        names = session.exec(select(SearchEntry.name)).scalars().all()
    assert all(parse_id_number(c.id_number, today=today).valid for c in children)
    assert statuses == set(CaseStatus), "every case state is represented"
    assert any(set(name) & set(RARE_GIVEN) for name in names), "some names carry rare characters"
    counts = DashboardRepository(workspace.engine).counts(today)
    assert counts.visits_overdue > 0, "some children are overdue"
    assert counts.children_active == 60
    assert counts.unsynced == 0


def test_same_seed_and_day_give_the_same_workspace(tmp_path: Path) -> None:
    def names(path: Path) -> list[str]:
        ws = create_workspace(path, TEST_PASSWORD, kdf_params=FAST_TEST_PARAMS)
        generate_demo(ws.engine, today=date(2026, 11, 28), scale=0.2, seed=7)
        with Session(ws.engine) as session:
            rows = session.exec(select(ChildFile.id, ChildFile.name).order_by(ChildFile.file_no)).all()
        ws.close()
        return [f"{r[0]}:{r[1]}" for r in rows]

    assert names(tmp_path / "a") == names(tmp_path / "b")
