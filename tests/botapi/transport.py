"""The HTTP side of the emulator: routing, request decoding, injected errors, call log."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from . import methods_messages, methods_other
from .models import APIError, Call
from .params import MAX_BODY, read_params
from .world import World

__all__ = ["Transport"]

log = logging.getLogger("tests.botapi")
_HANDLERS = {**methods_messages.HANDLERS, **methods_other.HANDLERS}
_NOT_FOUND = {"ok": False, "error_code": 404, "description": "Not Found"}


@dataclass
class _Injected:
    code: int
    description: str
    retry_after: int | None
    times: int


class Transport:
    """Serves ``/bot<token>/<method>`` (method names are case-insensitive, like Telegram's)
    and ``/file/bot<token>/<path>`` on 127.0.0.1."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.calls: list[Call] = []
        self.port = 0
        self._methods = {name.lower(): (name, handler) for name, handler in _HANDLERS.items()}
        self._injected: dict[str, list[_Injected]] = {}
        self._delays: dict[str, list[float]] = {}
        self._runner: web.AppRunner | None = None

    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        # handler_cancellation: a long poll whose client went away stops, as on Telegram.
        runner = web.AppRunner(app, handler_cancellation=True, access_log=None, shutdown_timeout=1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    def inject(
        self, method: str, code: int, description: str, retry_after: int | None, times: int
    ) -> None:
        entry = _Injected(code, description, retry_after, times)
        self._injected.setdefault(method.lower(), []).append(entry)

    def delay(self, method: str, seconds: float, times: int) -> None:
        """The next `times` calls of `method` are answered `seconds` late (a slow Telegram)."""
        self._delays.setdefault(method.lower(), []).extend([seconds] * times)

    def _take_injected(self, method: str) -> APIError | None:
        entries = self._injected.get(method.lower())
        if not entries:
            return None
        entry = entries[0]
        entry.times -= 1
        if entry.times <= 0:
            entries.pop(0)
        parameters = {"retry_after": entry.retry_after} if entry.retry_after is not None else None
        return APIError(entry.code, entry.description, parameters)

    async def _handle(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        entry = self._methods.get(name.lower())
        method = entry[0] if entry else name
        if request.match_info["token"] != self.world.token:
            return self._respond(method, {}, APIError(401, "Unauthorized"))
        if entry is None:
            return self._respond(method, {}, APIError(404, "Not Found"))
        try:
            params = await read_params(request)
        except APIError as error:
            return self._respond(method, {}, error)
        recorded = params.recorded()
        if delays := self._delays.get(method.lower()):
            await asyncio.sleep(delays.pop(0))
        injected = self._take_injected(method)
        if injected is not None:
            return self._respond(method, recorded, injected, injected=True)
        try:
            result = await entry[1](self.world, params)
        except APIError as error:
            return self._respond(method, recorded, error)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in the emulator: make it loud
            log.exception("emulator failure in %s", method)
            return self._respond(
                method, recorded, APIError(500, f"Internal Server Error: {exc!r}")
            )
        return self._respond(method, recorded, result)

    def _respond(
        self, method: str, params: dict[str, Any], outcome: Any, *, injected: bool = False
    ) -> web.Response:
        if isinstance(outcome, APIError):
            body, status = outcome.body(), outcome.code
        else:
            body, status = {"ok": True, "result": outcome}, 200
        call = Call(method, params, status == 200, body, injected, time.monotonic())
        self.calls.append(call)
        if not call.ok and not injected:
            log.warning("Bot API emulator rejected %s", call)
        self.world.queue.on_call(method, params)
        return web.json_response(body, status=status)

    async def _download(self, request: web.Request) -> web.Response:
        stored = self.world.files.by_path.get(request.match_info["path"])
        if request.match_info["token"] != self.world.token or stored is None or not stored.data:
            return web.json_response(_NOT_FOUND, status=404)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    async def _not_found(self, request: web.Request) -> web.Response:
        return web.json_response(_NOT_FOUND, status=404)
