from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from revmod.accounts.models import User
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.realtime import publish_access_changed

# Changes to these fields change what a person may do: the audit trail records them.
PERMISSION_FIELDS = {"global_role", "is_staff", "is_superuser", "is_active", "groups", "state", "status"}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "state", "global_role", "status", "is_active")
    list_filter = ("global_role", "status", "is_active", "state__regional_group")
    search_fields = ("email", "full_name")
    list_select_related = ("state",)
    autocomplete_fields = ()
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language", "state", "global_role", "status")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        changed = sorted(set(form.changed_data) & PERMISSION_FIELDS)
        if change and changed:
            record(
                AuditAction.PERMISSIONS_CHANGED,
                actor=request.user,
                target=obj,
                request=request,
                data={field: str(getattr(obj, field)) for field in changed if field != "groups"},
            )
            publish_access_changed(obj.pk)  # a deactivated person's open sockets close at once
