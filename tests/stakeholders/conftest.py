from __future__ import annotations

import pytest

from tests.factories.stakeholders import dialogue, profile, stakeholder

# The people of every permission table of the app: those of the world, and three stakeholders.
EVERYONE = [
    "secretariat",
    "stakeholder",
    "waiting_stakeholder",
    "second_stakeholder",
    "focal_point",
    "reviewing_expert",
    "contributor",
    "observer",
    "stranger",
    "anonymous",
]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Files go to a real disk, a temporary one, so a test can see what is left there."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


@pytest.fixture
def people(world):
    """The world, its stakeholder with a profile, one awaiting approval and a second approved one."""
    profile(world.stakeholder)
    world.waiting_stakeholder = stakeholder(organisation="Waiting Institute", waiting=True)
    world.second_stakeholder = stakeholder(organisation="Second Foundation", email="second@ngo.test")
    return world


@pytest.fixture
def open_dialogue(people):
    return dialogue(by=people.secretariat)


def sign_in(client, world, who: str) -> None:
    client.logout()
    if who != "anonymous":
        client.force_login(getattr(world, who))


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
