"""One client step in a child process for the crash tests; it kills itself (SIGKILL) at the point it is given."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from tests.sync.filestore import FileSecretStore

from fieldvisit.domain.children import ChildFile
from fieldvisit.store import changes, sync_state
from fieldvisit.store.changes import Actor, write_changes
from fieldvisit.store.workspace import open_workspace
from fieldvisit.sync import client
from fieldvisit.sync.client import SyncEngine, SyncOptions
from fieldvisit.sync.session import load_session
from fieldvisit.sync.transport import RetryPolicy, Transport

PASSWORD = "测试密码-𠮷"


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _install(point: str) -> None:
    if point == "before-commit":
        original = changes.ChangeWriter.audit

        def audit_then_die(self: Any, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            self.session.flush()  # the row, outbox entry and audit event are written, not committed
            die()

        changes.ChangeWriter.audit = audit_then_die  # type: ignore[method-assign]
    elif point == "after-response":

        def receipts_then_die(*_args: Any, **_kwargs: Any) -> None:
            die()

        client.sync_local.apply_receipts = receipts_then_die  # type: ignore[assignment]
    elif point == "between-page-and-cursor":
        original_put = sync_state.put_setting

        def put_then_die(connection: Any, key: Any, value: Any) -> None:
            if key == sync_state.Key.CURSOR:
                die()
            original_put(connection, key, value)

        client.sync_apply.put_setting = put_then_die  # type: ignore[attr-defined]
    elif point in ("mid-upload", "mid-download"):
        original_send = Transport._send
        seen = {"count": 0}

        def send_then_die(self: Any, method: str, path: str, **kwargs: Any) -> Any:
            answer = original_send(self, method, path, **kwargs)
            uploading = point == "mid-upload" and method == "PUT"
            downloading = (
                point == "mid-download"
                and method == "GET"
                and path.startswith("/attachments/")
                and (not path.endswith("/status"))
            )
            if uploading or downloading:
                seen["count"] += 1
                if (uploading and seen["count"] == 2) or downloading:
                    die()
            return answer

        Transport._send = send_then_die  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--secrets", type=Path, required=True)
    parser.add_argument("--url", default=None)
    parser.add_argument("--action", choices=["edit", "sync"], required=True)
    parser.add_argument("--crash", default="none")
    parser.add_argument("--record", default="")
    parser.add_argument("--values", default="{}")
    parser.add_argument("--page", type=int, default=2000)
    args = parser.parse_args()
    workspace = open_workspace(args.workspace, password=PASSWORD)
    session = load_session(workspace)
    assert session is not None
    _install(args.crash)
    if args.action == "edit":
        actor = Actor(user_id=session.user.id, device_id=session.device_id)
        with write_changes(workspace.engine, actor) as writer:
            record = writer.session.get(ChildFile, args.record)
            assert record is not None
            for name, value in json.loads(args.values).items():
                setattr(record, name, value)
            writer.save(record)
        if args.crash == "after-commit":
            die()
    else:
        options = SyncOptions(pull_page=args.page, retry=RetryPolicy(attempts=3, base_seconds=0.01, cap_seconds=0.05))
        engine = SyncEngine(
            workspace, secret_store=FileSecretStore(args.secrets), options=options, url_override=args.url
        )
        report = engine.sync()
        print(json.dumps({"status": report.status, "pushed": report.pushed, "pulled": report.pulled}))
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
