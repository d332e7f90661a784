"""Fixtures serving what a company's integrations call, each on a local port and in a deployment
that may call it (tests.support.crm.deployment): a webhook endpoint, amoCRM, Bitrix24 and HubSpot.
A pytest plugin (tests/conftest.py names it), so every test module may ask for them by name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salesbot.services import reset_services
from tests.servers import amocrm as amo_api
from tests.servers.amocrm import AmoCrmServer, serve_amocrm
from tests.servers.bitrix24 import Bitrix24Server, serve_bitrix24
from tests.servers.hubspot import HubSpotServer, serve_hubspot
from tests.servers.webhook_receiver import WebhookReceiver, serve_webhook_receiver
from tests.support.crm import PUBLIC_URL, deployment


@pytest.fixture
def receiver(client, monkeypatch: pytest.MonkeyPatch) -> Iterator[WebhookReceiver]:
    with serve_webhook_receiver() as server:
        deployment(monkeypatch)
        yield server
    reset_services()


@pytest.fixture
def amo(client, monkeypatch: pytest.MonkeyPatch) -> Iterator[AmoCrmServer]:
    with serve_amocrm(redirect_uri=f"{PUBLIC_URL}/crm_oauth") as server:
        deployment(monkeypatch, AMOCRM_CLIENT_ID=amo_api.CLIENT_ID, AMOCRM_CLIENT_SECRET=amo_api.CLIENT_SECRET,
                   PUBLIC_URL=PUBLIC_URL)
        yield server
    reset_services()


@pytest.fixture
def bitrix(client, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bitrix24Server]:
    with serve_bitrix24() as server:
        deployment(monkeypatch)
        yield server
    reset_services()


@pytest.fixture
def hubspot(client, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubSpotServer]:
    with serve_hubspot() as server:
        deployment(monkeypatch, HUBSPOT_API_BASE=server.url)
        yield server
    reset_services()
