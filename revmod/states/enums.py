from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African Group")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific Group")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European Group")
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean", _("Latin American and Caribbean Group")
    WESTERN_EUROPEAN_OTHERS = "western_european_others", _("Western European and Others Group")


class InstrumentCode(models.TextChoices):
    """The Convention and its Protocols, as the party flags of a State name them."""

    CONVENTION = "untoc", _("Convention against Transnational Organized Crime")
    TRAFFICKING = "tip", _("Trafficking in Persons Protocol")
    SMUGGLING = "som", _("Smuggling of Migrants Protocol")
    FIREARMS = "firearms", _("Firearms Protocol")
