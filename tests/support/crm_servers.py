"""Fixtures serving what a company's integrations call, each on a local port and in a deployment
that may call it (tests.support.crm.deployment): a webhook endpoint, amoCRM, Bitrix24 and HubSpot.
A pytest plugin (tests/conftest.py names it), so every test module may ask for them by name."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from salesbot.services import reset_services
from tests.servers import amocrm as amo_api
from tests.servers.amocrm import serve_amocrm
from tests.servers.bitrix24 import serve_bitrix24
from tests.servers.hubspot import serve_hubspot
from tests.servers.webhook_receiver import serve_webhook_receiver
from tests.support.crm import PUBLIC_URL, deployment

Server = TypeVar("Server")


def _serving(serve: Callable[[], contextlib.AbstractContextManager[Server]],
             env: Callable[[Server], dict[str, str]] = lambda server: {}) -> Callable[..., Iterator[Server]]:
    """A fixture: the server `serve` starts, in a deployment that may call it, with what `env` adds
    to the deployment's environment for it."""

    @pytest.fixture
    def fixture(client, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
        with serve() as server:
            deployment(monkeypatch, **env(server))
            yield server
        reset_services()

    return fixture


receiver = _serving(serve_webhook_receiver)
amo = _serving(lambda: serve_amocrm(redirect_uri=f"{PUBLIC_URL}/crm_oauth"),
               lambda server: {"AMOCRM_CLIENT_ID": amo_api.CLIENT_ID, "AMOCRM_CLIENT_SECRET": amo_api.CLIENT_SECRET,
                               "PUBLIC_URL": PUBLIC_URL})
bitrix = _serving(serve_bitrix24)
hubspot = _serving(serve_hubspot, lambda server: {"HUBSPOT_API_BASE": server.url})
