"""Health check of a workspace for `fieldvisit check`: encryption, schema, integrity, counts, bundled assets."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from fieldvisit.assets import asset_root
from fieldvisit.domain.assistance import HouseholdAssessment, HouseholdMember
from fieldvisit.domain.burial import GraveCase, Patrol
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.formspec import FormDefinitionError, load_all_forms
from fieldvisit.store.engine import is_encrypted_file
from fieldvisit.store.migrate import current_revision, head_revision
from fieldvisit.store.tables import OutboxEntry
from fieldvisit.store.workspace import Workspace

COUNTED = (
    ("households", "家庭核查", HouseholdAssessment),
    ("household members", "家庭成员", HouseholdMember),
    ("children", "儿童档案", ChildFile),
    ("visits", "探访记录", ChildVisit),
    ("grave cases", "违建坟墓台账", GraveCase),
    ("patrols", "巡查记录", Patrol),
    ("unsynced changes", "待同步", OutboxEntry),
)


@dataclass
class CheckReport:
    """Findings of a check; `problems` empty means healthy."""

    facts: list[tuple[str, str]] = field(default_factory=list)
    counts: list[tuple[str, str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def check_workspace(workspace: Workspace) -> CheckReport:
    """Verify encryption, schema revision and integrity, count the records, and check the bundled assets."""
    report = CheckReport()
    report.facts.append(("workspace (数据目录)", f"{workspace.path}{' (演示数据)' if workspace.info.demo else ''}"))
    with workspace.engine.connect() as connection:
        cipher = connection.exec_driver_sql("PRAGMA cipher_version").scalar() or ""
        encrypted = is_encrypted_file(workspace.db_path)
        report.facts.append(("encryption (加密)", f"SQLCipher {cipher}, header encrypted: {encrypted}"))
        if not cipher or not encrypted:
            report.problems.append("database is not encrypted (数据库未加密)")
        revision, head = current_revision(connection), head_revision()
        report.facts.append(("schema (数据结构)", f"{revision} (head {head})"))
        if revision != head:
            report.problems.append(f"schema {revision} is not at head {head} (数据结构未升级)")
        integrity = connection.execute(text("PRAGMA quick_check")).scalar()
        report.facts.append(("integrity (完整性)", str(integrity)))
        if integrity != "ok":
            report.problems.append(f"integrity check failed: {integrity} (数据完整性检查失败)")
        for label, label_zh, model in COUNTED:
            count = connection.execute(select(func.count()).select_from(model)).scalar_one()
            report.counts.append((label, label_zh, int(count)))
    _check_assets(report)
    return report


def _check_assets(report: CheckReport) -> None:
    """The forms must load, and fonts and translations must be where the app and the printer look for them."""
    try:
        forms = load_all_forms()
        report.facts.append(("forms (表单定义)", f"{len(forms)} in {asset_root('forms')}"))
    except (FileNotFoundError, FormDefinitionError) as exc:
        report.problems.append(f"form definitions are missing or broken (表单定义缺失或有误): {exc}")
    try:
        resources = asset_root("resources")
    except FileNotFoundError:
        report.problems.append("resources/ is missing from this installation (缺少资源目录)")
        return
    for label, pattern in (("fonts (字体)", "fonts/**/*.tt[cf]"), ("translations (翻译)", "i18n/*.qm")):
        found = sorted(resources.glob(pattern))
        report.facts.append((label, f"{len(found)} in {resources}"))
        if not found:
            report.problems.append(f"no {pattern} under {resources} ({label} 缺失)")
