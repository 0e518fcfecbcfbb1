from __future__ import annotations

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from devdata.demo.accounts import DEMO_PASSWORD, demo_email, seed_demo_accounts
from devdata.demo.dialogue import NEXT_CYCLE, seed_dialogue_demo
from devdata.demo.learning import seed_elearning_demo
from devdata.demo.reviews import DEMO_CYCLE, seed_reviews_demo
from revmod.states.services import sync_member_states


class Command(BaseCommand):
    help = "Load the demo data. Running it again changes nothing."

    def handle(self, *args, **options) -> None:
        states = sync_member_states()
        accounts = seed_demo_accounts()
        courses = seed_elearning_demo()  # first, so that joining the demo reviews enrols people in it
        reviews = seed_reviews_demo()
        # The people of the demo see the discussions in their notification centre; nobody is e-mailed.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            dialogue = seed_dialogue_demo(DEMO_CYCLE)
        self.stdout.write(
            f"member States updated: {states}; demo accounts created: {accounts}; reviews drawn: {reviews}; "
            f"onboarding course created: {'yes' if courses else 'already there'}; "
            f"comments posted: {dialogue['comments']}; outputs written: {dialogue['outputs']}; "
            f"answers cleared: {dialogue['cleared']}"
        )
        if dialogue["cycles"]:
            self.stdout.write(f"cycle ready to draw: {NEXT_CYCLE}")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"  {demo_email('secretariat')}  secretariat")
        self.stdout.write(f"  {demo_email('trainer')}  trainer")
        self.stdout.write(
            "  fp.<iso3>@example.org  focal point of a State, e.g. fp.fra@example.org, fp.egy@example.org"
        )
        self.stdout.write("  expert.<iso3>@example.org  governmental expert, e.g. expert.bra@example.org")
