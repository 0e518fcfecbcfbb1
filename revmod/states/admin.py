from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from revmod.states.models import MemberState


@admin.register(MemberState)
class MemberStateAdmin(TranslationAdmin):
    list_display = ("name", "iso3", "regional_group", "party_untoc", "party_tip", "party_som", "party_firearms")
    list_filter = ("regional_group", "party_untoc", "party_tip", "party_som", "party_firearms")
    search_fields = ("name", "iso3")
