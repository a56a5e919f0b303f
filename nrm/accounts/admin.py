from __future__ import annotations

from typing import Any

from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nrm.accounts import services
from nrm.accounts.models import ApiToken, Organisation, User
from nrm.core.admin_site import RoleAdmin, site


class OrganisationAdmin(RoleAdmin):
    list_display = ("name", "short_name", "type", "jurisdiction", "canton", "is_active")
    list_filter = ("type", "jurisdiction", "canton", "is_active")
    search_fields = ("name", "short_name")
    autocomplete_fields = ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.admin_save(actor=request.user, record=obj)  # type: ignore[arg-type]


class NrmUserAdmin(RoleAdmin, UserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("organisation", "groups", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Access"), {"fields": ("organisation", "groups", "is_active")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "organisation", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and field is not None:
            field.label = _("Roles")
            field.help_text = ""
        return field

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.admin_save(actor=request.user, record=obj)  # type: ignore[arg-type]


class ApiTokenAdmin(RoleAdmin):
    list_display = (
        "name",
        "user",
        "hint",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    readonly_fields = ("user", "name", "hint", "created_at", "last_used_at", "expires_at")
    fields = (*readonly_fields, "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are created with `nrm token create`, which shows the value once

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.admin_save(actor=request.user, record=obj)  # type: ignore[arg-type]


site.register(Organisation, OrganisationAdmin)
site.register(User, NrmUserAdmin)
site.register(ApiToken, ApiTokenAdmin)
