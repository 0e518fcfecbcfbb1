"""Redis behind Sentinel, as the environment describes it (revmod.redis_sentinel)."""

from __future__ import annotations

import shlex

import pytest
import redis
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured

from revmod.core.cache import SentinelMasterPool, TolerantRedisCache
from revmod.redis_sentinel import SentinelSetup, parse_sentinels, sentinel_setup
from tests.revmod.test_settings import PRODUCTION, ROOT, check_deploy, run_manage

THREE = {"REDIS_SENTINELS": "10.0.0.1:26379, 10.0.0.2:26380,10.0.0.3", "REDIS_SENTINEL_MASTER": "revmod"}


def test_sentinel_setup_is_none_without_sentinels():
    assert sentinel_setup({"REDIS_URL": "redis://127.0.0.1:6379/0"}) is None


def test_sentinel_setup_reads_sentinels_name_database_and_passwords(tmp_path):
    secret = tmp_path / "redis_password"
    secret.write_text("s3cret/with@odd:chars\n")

    setup = sentinel_setup(
        THREE | {"REDIS_DB": "2", "REDIS_PASSWORD_FILE": str(secret), "REDIS_SENTINEL_PASSWORD": "watch"}
    )

    assert setup == SentinelSetup(
        sentinels=(("10.0.0.1", 26379), ("10.0.0.2", 26380), ("10.0.0.3", 26379)),
        master="revmod",
        db=2,
        password="s3cret/with@odd:chars",
        sentinel_password="watch",
    )


def test_sentinel_setup_configures_the_channel_layer_through_channels_redis_sentinel_support():
    setup = sentinel_setup(THREE | {"REDIS_PASSWORD": "pw", "REDIS_SENTINEL_PASSWORD": "watch"})

    host = setup.channel_layer()["CONFIG"]["hosts"][0]

    assert host == {
        "sentinels": [("10.0.0.1", 26379), ("10.0.0.2", 26380), ("10.0.0.3", 26379)],
        "master_name": "revmod",
        "sentinel_kwargs": {"socket_timeout": 2.0, "socket_connect_timeout": 2.0, "password": "watch"},
        "socket_timeout": 15,
        "max_connections": 1000,
        "db": 0,
        "password": "pw",
    }


def test_sentinel_setup_gives_kombu_one_sentinel_url_per_sentinel_with_the_password_quoted():
    setup = sentinel_setup(THREE | {"REDIS_DB": "3", "REDIS_PASSWORD": "p@ss/w"})

    assert setup.broker_url() == (
        "sentinel://:p%40ss%2Fw@10.0.0.1:26379/3;sentinel://:p%40ss%2Fw@10.0.0.2:26380/3;"
        "sentinel://:p%40ss%2Fw@10.0.0.3:26379/3"
    )
    assert setup.broker_transport_options()["master_name"] == "revmod"


def test_parse_sentinels_takes_bracketed_ipv6_addresses():
    assert parse_sentinels("[::1]:26380,[fd00::2]") == (("::1", 26380), ("fd00::2", 26379))


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"REDIS_SENTINELS": "10.0.0.1:26379"}, "REDIS_SENTINEL_MASTER is not"),
        (THREE | {"REDIS_URL": "redis://127.0.0.1:6379/0"}, "Both REDIS_URL and REDIS_SENTINELS are set"),
        ({"REDIS_SENTINEL_MASTER": "revmod"}, "REDIS_SENTINEL_MASTER is set but REDIS_SENTINELS is not"),
        (THREE | {"REDIS_SENTINELS": "10.0.0.1:sentinel"}, "'10.0.0.1:sentinel' has no valid port"),
        (THREE | {"REDIS_SENTINELS": "10.0.0.1:70000"}, "'10.0.0.1:70000' has no valid port"),
        (THREE | {"REDIS_SENTINELS": ":26379"}, "':26379' names no host"),
        (THREE | {"REDIS_SENTINELS": " , "}, "REDIS_SENTINELS names no sentinel"),
        (THREE | {"REDIS_SENTINELS": "fd00::2:26379"}, "write an IPv6 address as [address]:port"),
        (THREE | {"REDIS_SENTINELS": "[fd00::2"}, "is not [IPv6 address]:port"),
        (THREE | {"REDIS_DB": "cache"}, "REDIS_DB='cache' is not a database number"),
        (THREE | {"REDIS_PASSWORD_FILE": "/nonexistent/pw"}, "REDIS_PASSWORD_FILE=/nonexistent/pw cannot be read"),
    ],
)
def test_sentinel_setup_refuses_a_bad_value_with_a_clear_message(environ, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        sentinel_setup(environ)

    assert message in str(refused.value)


def test_the_cache_pool_asks_the_sentinels_for_the_primary():
    options = sentinel_setup(THREE | {"REDIS_DB": "4", "REDIS_PASSWORD": "pw"}).cache("any")["OPTIONS"]
    del options["pool_class"]

    pool = SentinelMasterPool.from_url("revmod", **options)

    assert pool.service_name == "revmod"
    assert (pool.connection_kwargs["db"], pool.connection_kwargs["password"]) == (4, "pw")
    asked = [sentinel.connection_pool.connection_kwargs for sentinel in pool.sentinel_manager.sentinels]
    assert [(kwargs["host"], kwargs["port"]) for kwargs in asked] == [
        ("10.0.0.1", 26379),
        ("10.0.0.2", 26380),
        ("10.0.0.3", 26379),
    ]


def _caches_without_sentinels() -> tuple[TolerantRedisCache, RedisCache]:
    # Nothing listens on port 1: each sentinel refuses at once, so no primary can be found.
    setup = sentinel_setup({"REDIS_SENTINELS": "127.0.0.1:1", "REDIS_SENTINEL_MASTER": "revmod"})
    tolerant = setup.cache("revmod.core.cache.TolerantRedisCache")
    strict = setup.cache("django.core.cache.backends.redis.RedisCache")
    return TolerantRedisCache(tolerant["LOCATION"], tolerant), RedisCache(strict["LOCATION"], strict)


def test_the_default_cache_answers_as_an_empty_one_when_no_sentinel_names_a_primary():
    tolerant, _strict = _caches_without_sentinels()

    tolerant.set("key", "value")

    assert tolerant.get("key", "missing") == "missing"


def test_the_health_cache_reports_that_no_sentinel_names_a_primary():
    _tolerant, strict = _caches_without_sentinels()

    with pytest.raises(redis.ConnectionError):
        strict.get("key")


def test_settings_refuse_sentinels_without_the_monitored_name():
    result = run_manage("check", DEBUG="true", REDIS_URL="", REDIS_SENTINELS="127.0.0.1:26379")

    assert result.returncode != 0
    assert "REDIS_SENTINELS is set but REDIS_SENTINEL_MASTER is not" in result.stderr


def test_check_deploy_is_clean_with_redis_behind_sentinel():
    result = check_deploy(
        **PRODUCTION,
        REDIS_URL="",
        REDIS_SENTINELS="10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379",
        REDIS_SENTINEL_MASTER="revmod",
        REDIS_PASSWORD="redis-secret",
        REDIS_SENTINEL_PASSWORD="sentinel-secret",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def _template(*, sentinel: bool) -> dict[str, str]:
    """deploy/revmod.env.example as systemd reads it; with ``sentinel``, its Sentinel lines instead of REDIS_URL."""
    environment = {}
    for raw in (ROOT / "deploy/revmod.env.example").read_text().splitlines():
        line = raw.removeprefix("#") if sentinel and raw.startswith("#REDIS_") else raw
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            environment[name] = shlex.split(value)[0] if value else ""
    if sentinel:
        environment["REDIS_URL"] = ""
    return environment


@pytest.mark.parametrize("sentinel", [False, True], ids=["redis-url", "sentinel"])
def test_check_deploy_is_clean_under_the_environment_template(sentinel):
    environment = _template(sentinel=sentinel)

    result = check_deploy(**environment)

    assert ("REDIS_SENTINELS" in environment) is sentinel
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
