from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from revmod.states.enums import InstrumentCode, RegionalGroup


class MemberState(models.Model):
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en: str  # one column per language, added by modeltranslation; English is required (translation.py)
    regional_group = models.CharField(_("regional group"), max_length=32, choices=RegionalGroup.choices)
    party_untoc = models.BooleanField(_("party to the Convention"), default=False)
    party_tip = models.BooleanField(_("party to the Trafficking in Persons Protocol"), default=False)
    party_som = models.BooleanField(_("party to the Smuggling of Migrants Protocol"), default=False)
    party_firearms = models.BooleanField(_("party to the Firearms Protocol"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("member State")
        verbose_name_plural = _("member States")

    def __str__(self) -> str:
        return self.name

    def is_party_to(self, instrument: str) -> bool:
        return bool(getattr(self, f"party_{InstrumentCode(instrument).value}"))
