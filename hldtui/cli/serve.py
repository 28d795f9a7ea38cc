"""`hldtui serve`: the full app in a browser, by textual-serve. Each browser tab gets its own
app process, started with Textual's web driver and no terminal; stopping the server stops
them. textual-serve is an optional extra (`pip install '.[serve]'`)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from pathlib import Path

from hldtui.cli.status import ExitStatus, UsageError
from hldtui.store import ENV_DATA_DIR, data_dir

STOP_SECONDS = 2.0
"""How long the server waits for open tabs to close, on Ctrl+C, before it ends them."""
PASSED_ON = ("schedule", "now", "tz", "zone", "offline")
"""The options given to `serve` that each app it starts is given too."""


def app_command(args: argparse.Namespace) -> str:
    """The shell command of each app: this Python, this hldtui, the options passed on.
    `exec`, so that the app is the process the server stops, not a shell above it."""
    words = [sys.executable, "-m", "hldtui"]
    for name in PASSED_ON:
        value = getattr(args, name, None)
        if value is True:
            words.append(f"--{name}")
        elif isinstance(value, str):
            words += [f"--{name}", value]
    return "exec " + shlex.join(words)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve_command(args: argparse.Namespace) -> ExitStatus:
    try:
        server_class = _server_class()
    except ImportError:
        raise UsageError(
            "hldtui serve needs textual-serve, an optional extra: install it with "
            "pip install 'hldtui[serve]' (or, in a clone, pip install '.[serve]')."
        ) from None
    if not 0 < args.port < 65536:
        raise UsageError(f"--port: {args.port} is not a port (1 to 65535).")
    if args.data_dir is not None:
        folder = Path(args.data_dir).expanduser().resolve()
        # Every app the server starts inherits it.
        os.environ[ENV_DATA_DIR] = str(folder)
    folder = data_dir()
    if not is_loopback(args.host):
        print(
            f"hldtui: warning: serving on {args.host}, not only on this computer. "
            "textual-serve has no login: anyone who can reach "
            f"{args.host}:{args.port} can use the app, with the favourites in {folder}.",
            file=sys.stderr,
        )
    print(
        f"hldtui: serving the app at http://{args.host}:{args.port}/ (each browser tab its "
        f"own app), with the favourites in {folder}. Ctrl+C stops it and its apps.",
        file=sys.stderr,
    )
    server = server_class(app_command(args), host=args.host, port=args.port, title="hldtui")
    server.serve()
    return ExitStatus.FOUND


def _server_class() -> type:
    """textual-serve's server, stopping its apps within seconds of Ctrl+C: aiohttp would
    wait a minute for tabs still open before it ends their connections, and with them
    their apps."""
    import asyncio
    import signal

    from aiohttp import web
    from textual_serve.server import Server

    class Stopping(Server):
        def serve(self, debug: bool = False) -> None:
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            for number in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(number, self.request_exit)
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda *_: None,
                shutdown_timeout=STOP_SECONDS,
            )

    return Stopping
