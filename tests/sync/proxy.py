"""A small fault-injecting HTTP proxy on loopback: duplicates, drops, portals, 503s, stalls, reordering hooks."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import h11
import httpx

_HOP_HEADERS = {b"host", b"content-length", b"connection", b"transfer-encoding", b"keep-alive"}


@dataclass
class Request:
    """One request as the client sent it."""

    method: str
    path: str
    headers: list[tuple[bytes, bytes]]
    body: bytes
    index: int = 0


@dataclass
class Reply:
    """What goes back to the client (a forwarded answer or a made-up one)."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class Forward:
    """Pass the request on, once."""


@dataclass
class Duplicate:
    """Deliver the request `times` times (at once from several threads when `concurrent`); answer with one."""

    times: int = 2
    concurrent: bool = False


@dataclass
class DropResponse:
    """Deliver the request, then hang up without answering (the bureau committed; the client never hears)."""

    after: Callable[[], None] | None = None


@dataclass
class Respond:
    """Answer without asking the bureau (a captive portal, an overloaded gateway)."""

    status: int
    body: bytes = b""
    content_type: bytes = b"text/html; charset=utf-8"
    retry_after: str | None = None


@dataclass
class Stall:
    """Deliver the request, send the answer's headers and the first `after_bytes` bytes, then go silent."""

    after_bytes: int = 1


@dataclass
class Drip:
    """Deliver the request, then send the answer one byte at a time (never idle long enough for a read timeout)."""

    interval: float = 0.1


@dataclass
class Hold:
    """Read the request and never answer (a link that died mid-request)."""


Action = Forward | Duplicate | DropResponse | Respond | Stall | Drip | Hold
Plan = Callable[[Request], Action]


def forward_all(_request: Request) -> Action:
    return Forward()


@dataclass
class FaultProxy:
    """Listens on 127.0.0.1 and relays to `upstream`, doing whatever `plan` says for each request."""

    upstream: str
    plan: Plan = forward_all
    seen: list[Request] = field(default_factory=list)
    delivered: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> FaultProxy:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(64)
        self._server.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}"
        self._client = httpx.Client(base_url=self.upstream, timeout=60.0)
        self._threads: list[threading.Thread] = []
        thread = threading.Thread(target=self._accept, name="proxy", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._server.close()
        self._client.close()

    def requests_to(self, path_part: str) -> list[Request]:
        return [r for r in self.seen if path_part in r.path]

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _read_request(self, conn: socket.socket, machine: h11.Connection) -> Request | None:
        head: h11.Request | None = None
        body = bytearray()
        while True:
            event = machine.next_event()
            if event is h11.NEED_DATA:
                try:
                    data = conn.recv(65536)
                except (TimeoutError, OSError):
                    if self._stop.is_set():
                        return None
                    continue
                machine.receive_data(data)
                if not data:
                    return None
                continue
            if isinstance(event, h11.Request):
                head = event
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage):
                assert head is not None
                return Request(head.method.decode(), head.target.decode(), list(head.headers), bytes(body))
            elif isinstance(event, h11.ConnectionClosed):
                return None

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.5)
        machine = h11.Connection(h11.SERVER)
        try:
            while not self._stop.is_set():
                request = self._read_request(conn, machine)
                if request is None:
                    return
                with self._lock:
                    request.index = len(self.seen)
                    self.seen.append(request)
                if not self._act(conn, machine, request, self.plan(request)):
                    return
                if machine.our_state is h11.MUST_CLOSE or machine.their_state is h11.MUST_CLOSE:
                    return
                machine.start_next_cycle()
        except (OSError, httpx.TransportError, h11.LocalProtocolError, h11.RemoteProtocolError):
            return  # the client or the bureau went away: hang up
        finally:
            conn.close()

    def _relay(self, request: Request) -> Reply:
        headers = [(k, v) for k, v in request.headers if k.lower() not in _HOP_HEADERS]
        response = self._client.request(request.method, request.path, headers=headers, content=request.body)
        with self._lock:
            self.delivered += 1
        out = [(k.encode(), v.encode()) for k, v in response.headers.items() if k.lower().encode() not in _HOP_HEADERS]
        return Reply(response.status_code, out, response.content)

    def _send(self, conn: socket.socket, machine: h11.Connection, reply: Reply, limit: int | None = None) -> None:
        headers = [*reply.headers, (b"content-length", str(len(reply.body)).encode())]
        conn.sendall(machine.send(h11.Response(status_code=reply.status, headers=headers)))
        body = reply.body if limit is None else reply.body[:limit]
        if body:
            conn.sendall(machine.send(h11.Data(data=body)))
        if limit is None:
            conn.sendall(machine.send(h11.EndOfMessage()))

    def _act(self, conn: socket.socket, machine: h11.Connection, request: Request, action: Action) -> bool:
        if isinstance(action, Respond):
            headers = [(b"content-type", action.content_type)]
            if action.retry_after is not None:
                headers.append((b"retry-after", action.retry_after.encode()))
            self._send(conn, machine, Reply(action.status, headers, action.body))
            return True
        if isinstance(action, Hold):
            self._stop.wait()
            return False
        if isinstance(action, Duplicate):
            replies: list[Reply] = []
            if action.concurrent:
                threads = [
                    threading.Thread(target=lambda: replies.append(self._relay(request))) for _ in range(action.times)
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            else:
                replies = [self._relay(request) for _ in range(action.times)]
            self._send(conn, machine, replies[-1])
            return True
        reply = self._relay(request)
        if isinstance(action, DropResponse):
            if action.after is not None:
                action.after()
            return False
        if isinstance(action, Drip):
            headers = [*reply.headers, (b"content-length", str(len(reply.body)).encode())]
            conn.sendall(machine.send(h11.Response(status_code=reply.status, headers=headers)))
            for index in range(len(reply.body)):
                if self._stop.wait(action.interval):
                    return False
                conn.sendall(machine.send(h11.Data(data=reply.body[index : index + 1])))
            conn.sendall(machine.send(h11.EndOfMessage()))
            return True
        if isinstance(action, Stall):
            self._send(conn, machine, reply, limit=action.after_bytes)
            while not self._stop.is_set():
                time.sleep(0.05)
            return False
        self._send(conn, machine, reply)
        return True
