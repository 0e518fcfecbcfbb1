from __future__ import annotations

import pytest

from revmod.env import ImproperEnvironment, env_bool, env_int, env_list, env_str


def test_env_str_reads_the_file_named_by_name_file(tmp_path, monkeypatch):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("SOME_SECRET", "from-the-variable")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))

    assert env_str("SOME_SECRET") == "from-a-file"


def test_env_str_with_unreadable_file_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("SOME_SECRET_FILE", str(tmp_path / "missing"))

    with pytest.raises(ImproperEnvironment, match="SOME_SECRET_FILE"):
        env_str("SOME_SECRET")


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("YES", True), ("1", True), ("off", False), ("", False)])
def test_env_bool_understands_common_words(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)

    assert env_bool("FLAG") is expected


def test_env_bool_refuses_other_words(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")

    with pytest.raises(ImproperEnvironment, match="FLAG='maybe'"):
        env_bool("FLAG")


def test_env_int_refuses_non_numbers(monkeypatch):
    monkeypatch.setenv("WORKERS", "four")

    with pytest.raises(ImproperEnvironment, match="WORKERS"):
        env_int("WORKERS", 1)


def test_env_int_and_list_use_defaults_when_unset(monkeypatch):
    monkeypatch.delenv("WORKERS", raising=False)
    monkeypatch.setenv("HOSTS", " a.example.org, ,b.example.org ")

    assert env_int("WORKERS", 3) == 3
    assert env_list("HOSTS") == ["a.example.org", "b.example.org"]
