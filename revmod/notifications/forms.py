from __future__ import annotations

from django import forms

from revmod.notifications.enums import Delivery, NotificationKind


class PreferencesForm(forms.Form):
    """One choice of delivery for each kind of notification."""

    def __init__(self, *args, current: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current.get(kind.value, Delivery.IMMEDIATELY),
                widget=forms.RadioSelect,
            )
