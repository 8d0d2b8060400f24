"""The admin commands of `fieldvisit-bureau`: accounts, rosters, tasks, reassignment, devices, revocation, export."""

from __future__ import annotations

import csv
import io
import sys

import pytest
from sqlalchemy import select, text
from tests.bureau.live import TEST_SECRET

from fieldvisit.bureau import devices
from fieldvisit.bureau.db import refresh_statistics
from fieldvisit.bureau.tables import metadata
from fieldvisit.cli import bureau_main
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.types import utc_now
from fieldvisit.sync.protocol import LoginRequest

TOWN = "330282107"


@pytest.fixture
def run(bureau, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """Run a bureau command against the test bureau's database; returns (exit code, output)."""
    monkeypatch.setenv("FIELDVISIT_BUREAU_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("FIELDVISIT_BUREAU_PASSWORD_TIME_COST", "1")
    monkeypatch.setenv("FIELDVISIT_BUREAU_PASSWORD_MEMORY_KIB", "16")
    place = ["--data-dir", str(bureau.settings.resolved_data_dir)]
    if bureau.settings.database_url:
        place += ["--database-url", bureau.settings.database_url]

    def call(*args: str, stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = bureau_main([args[0], *place, *args[1:]])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return call


def _rows(bureau, table_name: str) -> list:  # type: ignore[no-untyped-def]
    table = metadata.tables[table_name]
    with bureau.engine.connect() as connection:
        return list(connection.execute(select(table)))


def test_staff_set_up_a_town_from_the_command_line(bureau, run, tmp_path) -> None:
    assert (
        run(
            "create-user",
            "--username",
            "dir1",
            "--display-name",
            "张主任",
            "--role",
            "CHILD_DIRECTOR",
            "--towns",
            TOWN,
            stdin="pw1\n",
        )[0]
        == 0
    )
    assert (
        run(
            "create-user",
            "--username",
            "dir2",
            "--display-name",
            "李主任",
            "--role",
            "CHILD_DIRECTOR",
            "--towns",
            TOWN,
            stdin="pw2\n",
        )[0]
        == 0
    )
    assert (
        run(
            "create-user",
            "--username",
            "sw1",
            "--display-name",
            "王社工",
            "--role",
            "SOCIAL_WORKER",
            "--towns",
            TOWN,
            stdin="pw3\n",
        )[0]
        == 0
    )
    code, out = run(
        "create-user", "--username", "dir1", "--display-name", "重复", "--role", "CHILD_DIRECTOR", stdin="x\n"
    )
    assert code == 2 and "exists" in out

    children = tmp_path / "children.csv"
    children.write_text(
        "\ufefffile_no,name,id_number,sex,birth_date,town_code,director,primary_category\n"
        "ET-1,陈小花,,FEMALE,2015-03-02,330282107,dir1,LEFT_BEHIND\n"
        "ET-2,周大勇,,MALE,2012-07-19,330282107,dir1,ORPHAN\n",
        encoding="utf-8",
    )
    code, out = run("import-children", str(children))
    assert code == 0 and "imported 2" in out
    households = tmp_path / "households.csv"
    households.write_text(
        "applicant_name,town_code,village_id,residence_address\n赵老伯,330282107,,观海卫镇某村1号\n", encoding="utf-8"
    )
    assert run("import-households", str(households))[0] == 0
    assert (
        run(
            "assign",
            "--assignee",
            "sw1",
            "--kind",
            "PROACTIVE_REFERRAL",
            "--csv",
            str(households),
            "--due",
            "2026-12-31",
        )[0]
        == 0
    )
    [task] = _rows(bureau, "assignment")
    assert task.kind == "PROACTIVE_REFERRAL" and task.details["residence_address"] == "观海卫镇某村1号"

    bad = tmp_path / "bad.csv"
    bad.write_text("file_no,name,town_code,director\nET-9,某某,330282107,nobody\n", encoding="utf-8")
    code, out = run("import-children", str(bad))
    assert code == 2 and "nobody" in out

    code, out = run("reassign-child", "--file-no", "ET-1", "--director", "dir2")
    assert code == 0
    users = {row.username: row.id for row in _rows(bureau, "staff_user")}
    by_no = {row.file_no: row for row in _rows(bureau, "child_file")}
    assert by_no["ET-1"].director_id == users["dir2"] and by_no["ET-2"].director_id == users["dir1"]

    device_id = new_id()
    devices.login(
        bureau.engine,
        bureau.settings,
        LoginRequest(username="dir1", password="pw1", device_id=device_id, device_name="笔记本-01"),
        now=utc_now(),
    )
    code, out = run("devices")
    assert code == 0 and device_id in out and "ACTIVE" in out and "笔记本-01" in out
    assert run("revoke", device_id, "--mode", "stolen")[0] == 0
    assert "STOLEN" in run("devices")[1]
    assert run("revoke", new_id(), "--mode", "retire")[0] == 2

    export = tmp_path / "children-out.csv"
    assert run("export", "child_file", "--out", str(export))[0] == 0
    with export.open(encoding="utf-8-sig", newline="") as f:
        names = {row["name"] for row in csv.DictReader(f)}
    assert names == {"陈小花", "周大勇"}
    assert run("export", "bureau_credential", "--out", str(export))[0] == 2, "secrets are not exportable"


def test_a_roster_import_leaves_the_planners_statistics_current(bureau, run, tmp_path) -> None:
    """Right after a bulk load PostgreSQL would plan the next pushes on the empty tables' numbers (a scan of every
    receipt for each batch) until autovacuum came round; the import counts what it wrote itself."""
    stdin = "pw1\n"
    assert (
        run("create-user", "--username", "dir1", "--display-name", "张主任", "--role", "CHILD_DIRECTOR", stdin=stdin)[0]
        == 0
    )
    roster = tmp_path / "children.csv"
    lines = [f"ET-{n},儿童{n},330282107,dir1" for n in range(600)]
    roster.write_text("file_no,name,town_code,director\n" + "\n".join(lines) + "\n", encoding="utf-8")
    code, out = run("import-children", str(roster))
    assert code == 0 and "imported 600" in out
    if bureau.engine.dialect.name != "postgresql":
        return  # SQLite plans by its indexes without statistics
    tables = ["child_file", "bureau_receipt", "bureau_change_log", "bureau_change_audience"]
    with bureau.engine.connect() as connection:
        counted = dict(
            connection.execute(
                text("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(:names) AND relkind = 'r'"),
                {"names": tables},
            ).all()
        )
    assert counted["child_file"] >= 600 and counted["bureau_receipt"] >= 600
    assert counted["bureau_change_log"] >= 600 and counted["bureau_change_audience"] >= 600


def test_a_roster_row_without_a_name_or_column_is_refused_by_line_and_nothing_is_imported(
    bureau, run, tmp_path
) -> None:
    assert (
        run("create-user", "--username", "dir1", "--display-name", "张主任", "--role", "CHILD_DIRECTOR", stdin="p\n")[0]
        == 0
    )
    empty_name = tmp_path / "empty.csv"
    empty_name.write_text("file_no,name,town_code,director\nET-1,𠮷䶮,330282107,dir1\nET-2, ,330282107,dir1\n", "utf-8")
    code, out = run("import-children", str(empty_name))
    assert code == 2 and "line 3: no value in column name" in out
    no_column = tmp_path / "households.csv"
    no_column.write_text("applicant_name,village_id\n赵老伯,\n", encoding="utf-8")
    code, out = run("import-households", str(no_column))
    assert code == 2 and "line 2: no value in column town_code" in out
    assert _rows(bureau, "child_file") == [] and _rows(bureau, "household_assessment") == []


def test_statistics_that_cannot_be_refreshed_do_not_fail_the_import_before_them(bureau, caplog) -> None:
    """The records are committed by then: an import reported as failed would be run again, twice the children."""
    refresh_statistics(bureau.engine, ["child_file", "no_such_table"])
    if bureau.engine.dialect.name == "postgresql":
        assert "could not refresh the planner's statistics" in caplog.text


def test_the_command_refuses_to_start_without_a_secret(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("FIELDVISIT_BUREAU_SECRET_KEY", raising=False)
    assert bureau_main(["migrate", "--data-dir", str(tmp_path)]) == 2
    assert "SECRET_KEY" in capsys.readouterr().err
    assert bureau_main(["migrate", "--data-dir", str(tmp_path), "--development"]) == 0
