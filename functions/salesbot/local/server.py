"""Every function of `functions/main.py` on one port, at `/<function name>`, as functions-framework runs them."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import functions_framework

from salesbot.local.paths import FUNCTIONS_MAIN

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def function_names(source: Path = FUNCTIONS_MAIN) -> list[str]:
    """The HTTP targets `source` lists in its `TARGETS`."""
    spec = importlib.util.spec_from_file_location("salesbot_functions_main", source)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the functions from {source}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return sorted(module.TARGETS)


def create_app(source: Path = FUNCTIONS_MAIN) -> WsgiApp:
    names = function_names(source)
    apps: dict[str, WsgiApp] = {name: functions_framework.create_app(target=name, source=str(source)) for name in names}
    not_found = _not_found(names)

    def dispatch(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        # `/chat` and `/chat/...` go to the chat app, which sees them as `/` and `/...`, as deployed.
        name, _, rest = environ.get("PATH_INFO", "").lstrip("/").partition("/")
        app = apps.get(name)
        if app is None:
            return not_found(environ, start_response)
        mounted = {**environ, "SCRIPT_NAME": f"{environ.get('SCRIPT_NAME', '')}/{name}", "PATH_INFO": f"/{rest}"}
        return app(mounted, start_response)

    return dispatch


def _not_found(names: list[str]) -> WsgiApp:
    body = json.dumps(
        {"error": {"code": "not_found", "message": f"no such function; try one of: {', '.join(names)}"}}
    ).encode()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start_response("404 Not Found", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return app
