from __future__ import annotations

import re

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from rest_framework.test import APIClient

from revmod.accounts.middleware import needs_two_factor
from tests.factories import TrainerFactory

PROXY = "10.0.0.2"


class VerifiedClient(Client):
    """The test client, whose force_login also completes two-factor sign-in where it is required.

    Tests of two-factor sign-in itself use a plain ``django.test.Client``.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if needs_two_factor(user):
            device, _created = StaticDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


def without_csrf_tokens(page: str) -> str:
    """A page without its one-time CSRF tokens, which differ on every rendering."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def through_proxy(client_address: str, *, sent: str = "") -> dict:
    """The request headers a worker sees behind one nginx when ``client_address`` sent ``X-Forwarded-For: sent``.

    nginx's ``$proxy_add_x_forwarded_for`` appends the address it received the request from.
    """
    forwarded = f"{sent}, {client_address}" if sent else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def sign_in_as(client, world, person: str) -> None:
    """Sign ``client`` in as one of the people of the permission tables (or nobody: "anonymous")."""
    client.logout()
    if person == "trainer":
        client.force_login(TrainerFactory())
    elif person != "anonymous":
        client.force_login(getattr(world, person))


def api_client_as(world, person: str, outsider=None):
    """An API client authenticated as one of the people of the permission tables ("outsider": ``outsider``)."""
    client = APIClient()
    if person == "trainer":
        client.force_authenticate(TrainerFactory())
    elif person == "outsider":
        client.force_authenticate(outsider)
    elif person != "anonymous":
        client.force_authenticate(getattr(world, person))
    return client
