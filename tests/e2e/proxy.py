"""A forwarding proxy on 127.0.0.1 for tests: HTTP CONNECT (optionally over TLS) or SOCKS5
with username/password authentication (RFC 1928, RFC 1929).

It resolves host names only from its own table, so a client told to reach a name that exists
nowhere else (such as `telegram.test`) can reach it through the proxy and in no other way.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ssl
from types import TracebackType
from typing import Literal
from urllib.parse import quote

Kind = Literal["http", "https", "socks5"]

_SOCKS_NO_AUTH, _SOCKS_PASSWORD, _SOCKS_NONE_ACCEPTABLE = 0, 2, 0xFF


class Refused(Exception):
    """The client's request is not one the proxy serves (bad credentials, unknown host)."""


class Proxy:
    def __init__(
        self,
        kind: Kind,
        hosts: dict[str, str],
        *,
        username: str | None = None,
        password: str | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        if (kind == "https") != (tls is not None):
            raise ValueError("an https proxy, and only that, needs a TLS context")
        self.kind = kind
        self.hosts = hosts
        self.username = username
        self.password = password
        self.tls = tls
        self.tunnels: list[str] = []
        """"host:port" of every tunnel opened, in order."""
        self.refusals: list[str] = []
        self.port = 0
        self._server: asyncio.Server | None = None
        self._clients: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        """The proxy's address as TELEGRAM_PROXY takes it, credentials included."""
        password = quote(self.password or "", safe="")  # as a URL must carry "@" or ":"
        credentials = f"{self.username}:{password}@" if self.username else ""
        return f"{self.kind}://{credentials}127.0.0.1:{self.port}"

    async def __aenter__(self) -> Proxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for client in self._clients:
            client.cancel()
        await asyncio.gather(*self._clients, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._clients.add(task)
        try:
            if self.kind == "socks5":
                host, port = await self._socks5(reader, writer)
            else:
                host, port = await self._connect(reader, writer)
            self.tunnels.append(f"{host}:{port}")
            upstream_reader, upstream_writer = await asyncio.open_connection(
                self.hosts[host], port
            )
            if self.kind == "socks5":  # succeeded, bound to 0.0.0.0:0
                writer.write(bytes([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]))
            else:
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            try:
                await asyncio.gather(
                    _pipe(reader, upstream_writer), _pipe(upstream_reader, writer)
                )
            finally:
                await _close(upstream_writer)
        except Refused as refusal:
            self.refusals.append(str(refusal))
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the client went away
        finally:
            await _close(writer)
            self._clients.discard(task)

    async def _connect(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> tuple[str, int]:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        method, target, _ = head[0].split(" ")
        headers = dict(line.split(": ", 1) for line in head[1:] if line)
        if self.username is not None:
            expected = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
            if headers.get("Proxy-Authorization") != f"Basic {expected}":
                writer.write(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")
                raise Refused("wrong or no credentials")
        host, _, port = target.rpartition(":")
        if method != "CONNECT" or host not in self.hosts:
            writer.write(b"HTTP/1.1 502 Bad Gateway\r\n\r\n")
            raise Refused(f"{method} {target}")
        return host, int(port)

    async def _socks5(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> tuple[str, int]:
        version, count = await reader.readexactly(2)
        offered = await reader.readexactly(count)
        wanted = _SOCKS_PASSWORD if self.username is not None else _SOCKS_NO_AUTH
        if version != 5 or wanted not in offered:
            writer.write(bytes([5, _SOCKS_NONE_ACCEPTABLE]))
            raise Refused(f"methods {list(offered)}")
        writer.write(bytes([5, wanted]))
        if wanted == _SOCKS_PASSWORD:
            _, size = await reader.readexactly(2)
            username = (await reader.readexactly(size)).decode()
            size = (await reader.readexactly(1))[0]
            password = (await reader.readexactly(size)).decode()
            if (username, password) != (self.username, self.password):
                writer.write(bytes([1, 1]))
                raise Refused("wrong credentials")
            writer.write(bytes([1, 0]))
        _, command, _, address_type = await reader.readexactly(4)
        if address_type == 3:  # a domain name: the client left resolving to the proxy
            host = (await reader.readexactly((await reader.readexactly(1))[0])).decode()
        else:
            size = 4 if address_type == 1 else 16
            host = ".".join(str(b) for b in await reader.readexactly(size))
        port = int.from_bytes(await reader.readexactly(2), "big")
        if command != 1 or host not in self.hosts:  # 1: CONNECT
            writer.write(bytes([5, 4, 0, 1, 0, 0, 0, 0, 0, 0]))  # 4: host unreachable
            raise Refused(f"command {command} to {host}:{port}")
        return host, port


async def _pipe(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
    while chunk := await source.read(65536):
        target.write(chunk)
        await target.drain()
    with contextlib.suppress(OSError):
        if target.can_write_eof():
            target.write_eof()


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
