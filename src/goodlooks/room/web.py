"""The phones' side of the room: a Starlette app over the room's state.

Every request passes the door (`guard.Door`: Host, Origin, the secret, the body's size) and a
budget per client address; a vote also spends its member's own budget. A phone becomes a member
only by typing the session's join code (`guard.JoinCodes`); the projector's page, which shows
that code, needs the door's screen key as well. Pages are drawn with the
package's jinja2 environment (autoescaping on) and carry a Content-Security-Policy that lets
only this page's own style and script run (by hash) and talk only to this address. Live
updates are server-sent events (sse-starlette) of `views.public_state`, published by `hub.Hub`:
no vote, no count by option. Each accepted vote is saved (`Saver`) before it is acknowledged.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import Callable
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

from goodlooks.room.guard import MAX_BODY, Budget, Door, JoinCodes, spaced
from goodlooks.room.hub import Hub
from goodlooks.room.parts import Refused
from goodlooks.room.state import Room
from goodlooks.room.views import phone_context, shared_context

COOKIE = "goodlooks-member"
COOKIE_SECONDS = 12 * 3600
"""A phone that is switched off and on again keeps its place for a working day."""
MAX_STREAMS = 400
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


@cache
def _refused_page() -> Any:
    from goodlooks.report.templating import environment

    return environment().get_template("room/refused.html.j2")


def refused_response(refused: Refused, door: Door | None = None) -> Response:
    if refused.status == 421 or door is None:  # not even the page's style: say it plainly
        return Response(refused.message + "\n", refused.status, media_type="text/plain", headers=HEADERS)
    page = _refused_page().render(message=refused.message, style=asset("room.css"))
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
             join_budget: Budget | None = None, codes: JoinCodes | None = None) -> ASGIApp:
    """The room's web app: `save_votes` writes the results file with every vote cast so far."""
    from goodlooks.report.templating import environment

    env = environment()
    env.auto_reload = False  # the package's templates do not change during a session: no stat per page
    hub, saver = Hub(room), Saver(room, save_votes)
    member_budget = member_budget or Budget(capacity=20, rate=2)
    join_budget = join_budget or Budget(capacity=100, rate=1)
    codes = codes or JoinCodes(door.code, wrong=room.code_refused)
    templates = {name: env.get_template(f"room/{name}.html.j2")
                 for name in ("phone", "panel", "screen", "screen_panel")}  # looked up once, not per page
    shared: list[Any] = [None, None]
    """The room's version, and what every page shares at it: made once for sixty phones."""

    def context_of(member: Any) -> dict[str, Any]:
        with room.reading():
            if shared[0] != room.version:
                shared[:] = [room.version, shared_context(room)]
            return phone_context(room, member, shared[1])

    def member_of(request: Request) -> Any:
        return room.member(request.cookies.get(COOKIE))

    def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = templates[template].render(base=door.base, title=title, style=asset("room.css"),
                                          script=asset("room.js"), **context)
        return HTMLResponse(html, status, headers={**HEADERS, "Content-Security-Policy": content_security_policy()})

    def wants_json(request: Request) -> bool:
        return "application/json" in request.headers.get("accept", "")

    def phone_page(request: Request, template: str, status: int = 200, error: str | None = None,
                   typed: dict[str, str | None] | None = None) -> HTMLResponse:
        """The phone's page (or its panel): the room as its member may see it, or the join form
        (with what was wrong with the code typed, and the name typed kept)."""
        token = request.cookies.get(COOKIE)
        member = room.member(token)
        return page(template, status, room=context_of(member), member=member is not None,
                    returning=member is None and room.returning(token) is not None, error=error, typed=typed)

    async def phone(request: Request) -> Response:
        return phone_page(request, "phone")

    async def panel(request: Request) -> Response:
        return phone_page(request, "panel")

    def screen_page(request: Request, template: str) -> HTMLResponse:
        if not door.is_screen(request.path_params["key"]):
            raise Refused(404, "There is no projector page at this address: its address is on the "
                               "facilitator's screen.")
        return page(template, room=context_of(None), join=door.join_address, code=spaced(door.code),
                    qr=_qr_svg(door.join_address), panel=door.screen_path + "/panel")

    async def screen(request: Request) -> Response:
        return screen_page(request, "screen")

    async def screen_panel(request: Request) -> Response:
        return screen_page(request, "screen_panel")

    async def no_screen(request: Request) -> Response:
        raise Refused(404, "The projector's page has an address of its own: it is on the facilitator's screen.")

    async def join(request: Request) -> Response:
        address = (request.client or ("?", 0))[0]
        if not join_budget.spend(address):
            raise Refused(429, "Too many people joining from here at once: wait a moment and try again.")
        form = await read_form(request)
        token = request.cookies.get(COOKIE)
        if room.member(token) is None:  # a member who joined this session is never asked again
            try:
                codes.check(form.get("code"), address, token)
            except Refused as refused:
                if wants_json(request):
                    raise
                return phone_page(request, "phone", refused.status, error=refused.message,
                                  typed={"name": (form.get("name") or "")[:200], "show": form.get("show")})
        _, token = room.join(form.get("name"), form.get("show") == "yes", token)
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
        return EventSourceResponse(hub.stream(), ping=15, headers=HEADERS, send_timeout=30)

    async def refusals(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        if wants_json(request):
            return JSONResponse({"ok": False, "message": exc.message}, exc.status, headers=HEADERS)
        return refused_response(exc, door)

    base = "/{secret}"
    routes = [Route(base, phone), Route(base + "/panel", panel), Route(base + "/screen", no_screen),
              Route(base + "/screen/{key}", screen), Route(base + "/screen/{key}/panel", screen_panel),
              Route(base + "/join", join, methods=["POST"]), Route(base + "/vote", vote, methods=["POST"]),
              Route(base + "/events", events)]
    app = Starlette(routes=routes, exception_handlers={Refused: refusals})
    return Front(app, door, budget or Budget(capacity=600, rate=100))


@lru_cache(maxsize=4)
def _qr_svg(address: str) -> str:
    import segno

    from goodlooks.room.address import qr_text

    return segno.make(qr_text(address), error="m").svg_inline(scale=5, dark="#1d2326", omitsize=True,
                                                            title="The room's join code")
