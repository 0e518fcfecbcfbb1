from __future__ import annotations

from collections import Counter

import pytest
from babel import Locale
from django.utils import translation

from revmod.states.enums import RegionalGroup
from revmod.states.models import MemberState
from revmod.states.services import sync_member_states

pytestmark = pytest.mark.django_db


def test_every_un_member_state_and_the_other_parties_are_loaded():
    groups = Counter(MemberState.objects.values_list("regional_group", flat=True))

    assert MemberState.objects.count() == 196
    assert groups == {
        RegionalGroup.AFRICAN: 54,
        RegionalGroup.ASIA_PACIFIC: 57,
        RegionalGroup.EASTERN_EUROPEAN: 23,
        RegionalGroup.LATIN_AMERICAN_CARIBBEAN: 33,
        RegionalGroup.WESTERN_EUROPEAN_OTHERS: 29,
    }


def test_names_come_from_the_cldr_in_every_language():
    france = MemberState.objects.get(iso3="FRA")
    china = Locale.parse("zh_Hans")

    assert (france.iso2, france.name_en, france.name_fr) == ("FR", "France", "France")
    assert france.name_ar == "فرنسا"
    assert france.name_zh_hans == china.territories["FR"]
    assert france.name_ru == "Франция"
    assert MemberState.objects.get(iso3="DEU").name_es == "Alemania"
    assert MemberState.objects.get(iso3="DEU").name_pt == "Alemanha"


def test_name_follows_the_active_language():
    with translation.override("ru"):
        assert MemberState.objects.get(iso3="JPN").name == "Япония"


def test_party_flags_tell_which_instruments_a_state_is_party_to():
    iran = MemberState.objects.get(iso3="IRN")
    france = MemberState.objects.get(iso3="FRA")

    assert not iran.is_party_to("untoc")
    assert france.is_party_to("untoc")
    assert france.is_party_to("firearms")
    assert not MemberState.objects.get(iso3="USA").is_party_to("firearms")


def test_sync_repairs_changed_rows_and_changes_nothing_when_current():
    MemberState.objects.filter(iso3="FRA").update(name_ar="x", party_tip=False)

    repaired = sync_member_states()
    again = sync_member_states()

    france = MemberState.objects.get(iso3="FRA")
    assert (repaired, again) == (1, 0)
    assert (france.name_ar, france.party_tip) == ("فرنسا", True)
