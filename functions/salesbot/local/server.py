"""Every function of `functions/main.py` on one port, at `/<function name>`, as functions-framework runs them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import functions_framework
from functions_framework import _function_registry
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from salesbot.local.paths import FUNCTIONS_MAIN

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def function_names(source: Path = FUNCTIONS_MAIN) -> list[str]:
    """The HTTP functions `source` declares with `@functions_framework.http`."""
    module, spec = _function_registry.load_function_module(str(source))
    spec.loader.exec_module(module)
    return sorted(
        name
        for name, kind in _function_registry.REGISTRY_MAP.items()
        if kind == _function_registry.HTTP_SIGNATURE_TYPE and callable(getattr(module, name, None))
    )


def create_app(source: Path = FUNCTIONS_MAIN) -> WsgiApp:
    names = function_names(source)
    apps = {f"/{name}": functions_framework.create_app(target=name, source=str(source)) for name in names}
    return DispatcherMiddleware(_not_found(names), apps)


def _not_found(names: list[str]) -> WsgiApp:
    body = json.dumps(
        {"error": {"code": "not_found", "message": f"no such function; try one of: {', '.join(names)}"}}
    ).encode()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start_response("404 Not Found", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return app
