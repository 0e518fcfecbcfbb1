"""Demo accounts for the embedded product (``manage.py seed_demo``)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction

from revmod.accounts.enums import GlobalRole, NominatedRole
from revmod.accounts.models import User
from revmod.states.models import MemberState

DEMO_PASSWORD = "revmod-demo-2026"  # noqa: S105 - published in the README for the demo only
DEMO_DOMAIN = "example.org"

# The language in which the people of a State most likely work on the platform.
STATE_LANGUAGES = {
    "ar": "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM",
    "zh-hans": "CHN",
    "fr": "BEL BEN BFA BDI CMR CAF TCD COG COD CIV FRA GAB GIN HTI LUX MDG MLI MCO NER RWA SEN TGO CHE",
    "ru": "ARM AZE BLR KAZ KGZ RUS TJK TKM UZB",
    "es": "ARG BOL CHL COL CRI CUB DOM ECU SLV GNQ GTM HND MEX NIC PAN PRY PER ESP URY VEN",
    "pt": "AGO BRA CPV GNB MOZ PRT STP TLS",
}
LANGUAGE_OF_STATE = {iso3: language for language, codes in STATE_LANGUAGES.items() for iso3 in codes.split()}


def demo_email(role: str, state: MemberState | None = None) -> str:
    return f"{role}.{state.iso3.lower()}@{DEMO_DOMAIN}" if state else f"{role}@{DEMO_DOMAIN}"


@transaction.atomic
def seed_demo_accounts() -> int:
    """Create the demo accounts that do not exist yet; return how many were made."""
    password = make_password(DEMO_PASSWORD)
    wanted = [
        User(
            email=demo_email("secretariat"),
            full_name="Secretariat Officer",
            global_role=GlobalRole.SECRETARIAT,
            is_staff=True,
            is_superuser=True,
            password=password,
        ),
        User(
            email=demo_email("trainer"),
            full_name="Training Coordinator",
            global_role=GlobalRole.TRAINER,
            password=password,
        ),
    ]
    for state in MemberState.objects.order_by("iso3"):
        language = LANGUAGE_OF_STATE.get(state.iso3, "en")
        wanted += [
            User(
                email=demo_email("fp", state),
                full_name=f"Focal point {state.name_en}",
                state=state,
                nominated_role=NominatedRole.FOCAL_POINT,
                preferred_language=language,
                password=password,
            ),
            User(
                email=demo_email("expert", state),
                full_name=f"Expert {state.name_en}",
                state=state,
                nominated_role=NominatedRole.EXPERT,
                preferred_language=language,
                password=password,
            ),
        ]
    existing = set(User.objects.filter(email__in=[user.email for user in wanted]).values_list("email", flat=True))
    missing = [user for user in wanted if user.email not in existing]
    User.objects.bulk_create(missing)
    return len(missing)
