"""The client's address, read from the hops the trusted proxies wrote."""

from __future__ import annotations

import pytest

from revmod.core.addresses import client_address

PROXY = "10.0.0.2"


def request_with(rf, *, forwarded: str | None = None, remote: str = PROXY):
    headers = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    return rf.get("/", **headers)


def test_client_address_is_the_hop_the_proxy_appended(rf):
    request = request_with(rf, forwarded="192.0.2.66, 203.0.113.5")

    assert client_address(request) == "203.0.113.5"


def test_client_address_is_the_remote_address_without_a_forwarded_header(rf):
    request = request_with(rf, remote="203.0.113.5")

    assert client_address(request) == "203.0.113.5"


def test_client_address_ignores_forwarded_for_without_proxies(rf, settings):
    settings.PROXY_COUNT = 0
    request = request_with(rf, forwarded="192.0.2.66", remote="203.0.113.5")

    assert client_address(request) == "203.0.113.5"


def test_client_address_skips_the_hops_of_two_proxies(rf, settings):
    settings.PROXY_COUNT = 2
    request = request_with(rf, forwarded="192.0.2.66, 203.0.113.5, 198.51.100.1")

    assert client_address(request) == "203.0.113.5"


def test_client_address_is_the_left_most_proxy_hop_when_hops_are_fewer_than_proxies(rf, settings):
    settings.PROXY_COUNT = 3
    request = request_with(rf, forwarded="203.0.113.5")

    assert client_address(request) == "203.0.113.5"


def test_client_address_keeps_its_place_behind_a_proxy_on_a_unix_socket(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.5")
    del request.META["REMOTE_ADDR"]

    assert client_address(request) == "203.0.113.5"


@pytest.mark.parametrize("hop", ["not-an-ip <b>x</b>", "203.0.113.5:443", "fe80::1%eth0", "unknown", ""])
def test_client_address_is_none_when_the_trusted_hop_is_not_an_address(rf, hop):
    request = request_with(rf, forwarded=hop, remote="" if hop == "" else PROXY)

    assert client_address(request) is None


@pytest.mark.parametrize(
    ("hop", "canonical"),
    [("2001:DB8:0:0::1", "2001:db8::1"), ("::ffff:203.0.113.5", "203.0.113.5"), (" 203.0.113.5 ", "203.0.113.5")],
)
def test_client_address_is_written_in_canonical_form(rf, hop, canonical):
    request = request_with(rf, forwarded=hop)

    assert client_address(request) == canonical


def test_client_address_is_none_without_a_request():
    assert client_address(None) is None
