"""The phones' side of the room: a Starlette app over the room's state.

Every request passes the door (`guard.Door`: Host, Origin, the secret, the body's size) and a
budget per client address; a vote also spends its member's own budget. Pages are drawn with the
package's jinja2 environment (autoescaping on) and carry a Content-Security-Policy that lets
only this page's own style and script run (by hash) and talk only to this address. Live
updates are server-sent events (sse-starlette) of `views.public_state`: no vote, no count by
option. Each accepted vote is saved (`Saver`) before it is acknowledged.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
from collections.abc import AsyncIterator, Callable
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl

from sse_starlette import EventSourceResponse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from goodlooks.room.guard import MAX_BODY, Budget, Door
from goodlooks.room.state import Refused, Room
from goodlooks.room.views import phone_context, public_state

COOKIE = "goodlooks-member"
COOKIE_SECONDS = 12 * 3600
"""A phone that is switched off and on again keeps its place for a working day."""
MAX_STREAMS = 400
COUNT_EVERY = 0.25
"""Seconds between two updates of the count of votes on one live stream."""
MAX_FIELDS = 8


@cache
def asset(name: str) -> str:
    return resources.files("goodlooks").joinpath("templates", "room", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def content_security_policy() -> str:
    """Only this page's own style and script run; it may talk to this address and no other."""
    return (f"default-src 'none'; script-src '{_sha256(asset('room.js'))}'; "
            f"style-src '{_sha256(asset('room.css'))}'; connect-src 'self'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "X-Frame-Options": "DENY"}


class Hub:
    """Wakes the live streams (in the server's event loop) when the room changes (in any thread):
    `changed` on every change, `moved` only when the stage or the question changes."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.loop: asyncio.AbstractEventLoop | None = None
        self.changed: asyncio.Event | None = None
        self.moved: asyncio.Event | None = None
        self.streams = 0
        self._where: tuple[str, Any] | None = None
        room.subscribe(self.notify)

    def attach(self) -> tuple[asyncio.Event, asyncio.Event]:
        if self.loop is None or self.changed is None or self.moved is None:
            self.loop, self.changed, self.moved = asyncio.get_running_loop(), asyncio.Event(), asyncio.Event()
        return self.changed, self.moved

    def notify(self) -> None:
        loop = self.loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        woken, self.changed = self.changed, asyncio.Event()
        if woken is not None:
            woken.set()
        with self.room._lock:
            where = (self.room.stage, self.room.current.question.id if self.room.current else None)
        if where != self._where:
            self._where = where
            moved, self.moved = self.moved, asyncio.Event()
            if moved is not None:
                moved.set()


class Saver:
    """Saves the votes (in a worker thread), several at once when they arrive together: each
    vote is acknowledged once a save that includes it is on disk."""

    def __init__(self, room: Room, save_votes: Callable[[], None]) -> None:
        self.room, self.save_votes = room, save_votes
        self._lock: asyncio.Lock | None = None

    async def through(self, cast: int) -> None:
        from anyio import to_thread

        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self.room.saved >= cast:
                return  # a save that began after this vote was cast has written it
            await to_thread.run_sync(self.save_votes)


class Front:
    """The door and the budgets in front of every route (plain ASGI middleware)."""

    def __init__(self, app: ASGIApp, door: Door, budget: Budget) -> None:
        self.app, self.door, self.budget = app, door, budget

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        client = (scope.get("client") or ("?", 0))[0]
        try:
            if not self.budget.spend(client):
                raise Refused(429, "Too many requests: wait a moment and try again.")
            self.door.check(scope["method"], scope["path"], headers)
        except Refused as refused:
            return await refused_response(refused, self.door)(scope, receive, send)
        await self.app(scope, receive, send)


def refused_response(refused: Refused, door: Door | None = None) -> Response:
    from goodlooks.report.templating import environment

    if refused.status == 421 or door is None:  # not even the page's style: say it plainly
        return Response(refused.message + "\n", refused.status, media_type="text/plain", headers=HEADERS)
    page = environment().get_template("room/refused.html.j2").render(
        message=refused.message, style=asset("room.css"))
    return HTMLResponse(page, refused.status, headers={**HEADERS, "Content-Security-Policy": content_security_policy()})


async def read_form(request: Request) -> dict[str, str]:
    """The url-encoded form, at most MAX_BODY bytes whatever the headers said."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, "That is too much to send.")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                          max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "That form could not be read.") from None
    return dict(pairs)


def make_app(room: Room, door: Door, save_votes: Callable[[], None], *, title: str = "goodlooks",
             budget: Budget | None = None, member_budget: Budget | None = None,
             join_budget: Budget | None = None) -> ASGIApp:
    """The room's web app: `save_votes` writes the results file with every vote cast so far."""
    from goodlooks.report.templating import environment

    env = environment()
    hub, saver = Hub(room), Saver(room, save_votes)
    member_budget = member_budget or Budget(capacity=20, rate=2)
    join_budget = join_budget or Budget(capacity=100, rate=1)

    def member_of(request: Request) -> Any:
        return room.member(request.cookies.get(COOKIE))

    def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(base=door.base, title=title, style=asset("room.css"),
                                                 script=asset("room.js"), **context)
        return HTMLResponse(html, status, headers={**HEADERS, "Content-Security-Policy": content_security_policy()})

    def wants_json(request: Request) -> bool:
        return "application/json" in request.headers.get("accept", "")

    async def phone(request: Request) -> Response:
        member = member_of(request)
        return page("room/phone.html.j2", room=phone_context(room, member), member=member is not None)

    async def panel(request: Request) -> Response:
        if request.query_params.get("for") == "screen":
            return page("room/screen_panel.html.j2", room=phone_context(room, None), join=door.join_address,
                        qr=_qr_svg(door.join_address))
        member = member_of(request)
        return page("room/panel.html.j2", room=phone_context(room, member), member=member is not None)

    async def screen(request: Request) -> Response:
        return page("room/screen.html.j2", room=phone_context(room, None), join=door.join_address,
                    qr=_qr_svg(door.join_address))

    async def join(request: Request) -> Response:
        if not join_budget.spend((request.client or ("?", 0))[0]):
            raise Refused(429, "Too many people joining from here at once: wait a moment and try again.")
        form = await read_form(request)
        _, token = room.join(form.get("name"), form.get("show") == "yes", request.cookies.get(COOKIE))
        response = RedirectResponse(door.base, 303, headers=HEADERS)
        response.set_cookie(COOKIE, token, max_age=COOKIE_SECONDS, path="/", httponly=True, samesite="strict")
        return response

    async def vote(request: Request) -> Response:
        member = member_of(request)
        if member is None:
            raise Refused(401, "Join the room first: scan the code on the facilitator's screen.")
        if not member_budget.spend(member.id):
            raise Refused(429, "Too many votes at once: wait a moment and try again.")
        form = await read_form(request)
        cast = room.vote(member, form.get("question", ""), form.get("answer", ""), form.get("note"))
        await saver.through(cast)
        if wants_json(request):
            return JSONResponse({"ok": True, "saved": True}, headers=HEADERS)
        return RedirectResponse(door.base, 303, headers=HEADERS)

    async def events(request: Request) -> Response:
        if hub.streams >= MAX_STREAMS:
            raise Refused(503, "Too many live connections.")
        return EventSourceResponse(_stream(request, hub), ping=15, headers=HEADERS, send_timeout=30)

    async def refusals(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        if wants_json(request):
            return JSONResponse({"ok": False, "message": exc.message}, exc.status, headers=HEADERS)
        return refused_response(exc, door)

    base = "/{secret}"
    routes = [Route(base, phone), Route(base + "/panel", panel), Route(base + "/screen", screen),
              Route(base + "/join", join, methods=["POST"]), Route(base + "/vote", vote, methods=["POST"]),
              Route(base + "/events", events)]
    app = Starlette(routes=routes, exception_handlers={Refused: refusals})
    return Front(app, door, budget or Budget(capacity=600, rate=100))


async def _stream(request: Request, hub: Hub) -> AsyncIterator[dict[str, str]]:
    """The room's public state each time it changes: a new stage or question at once, a new
    count at most every COUNT_EVERY seconds (sixty phones voting would otherwise send each
    phone sixty counts in a second)."""
    loop = asyncio.get_running_loop()
    hub.streams += 1
    try:
        last: dict[str, Any] | None = None
        sent_at = 0.0
        while True:
            changed, moved_event = hub.attach()
            state = public_state(hub.room)
            if state != last:
                moved = last is None or (state["stage"], state["question"]) != (last["stage"], last["question"])
                wait = 0.0 if moved else COUNT_EVERY - (loop.time() - sent_at)
                if wait > 0:
                    try:  # only a new stage or question cuts the wait short
                        await asyncio.wait_for(moved_event.wait(), wait)
                    except TimeoutError:
                        pass
                    continue
                yield {"event": "room", "data": json.dumps(state)}
                last, sent_at = state, loop.time()
            if state["stage"] == "ended":
                return
            await changed.wait()
    finally:
        hub.streams -= 1


@lru_cache(maxsize=4)
def _qr_svg(address: str) -> str:
    import segno

    from goodlooks.room.address import qr_text

    return segno.make(qr_text(address), error="m").svg_inline(scale=5, dark="#1d2326", omitsize=True,
                                                            title="The room's join code")
