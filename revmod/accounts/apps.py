from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "revmod.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from revmod.accounts import dashboard  # noqa: F401, PLC0415 - registers its panel of the dashboard
