from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nrm.accounts import services
from nrm.accounts.models import ApiToken, Organisation, User
from nrm.core.admin_site import RoleAdmin, site
from nrm.core.errors import ValidationError
from nrm.core.roles import Role


class OrganisationAdmin(RoleAdmin):
    list_display = ("name", "short_name", "type", "jurisdiction", "canton", "is_active")
    list_filter = ("type", "jurisdiction", "canton", "is_active")
    search_fields = ("name", "short_name")
    autocomplete_fields = ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.admin_save(actor=request.user, record=obj)  # type: ignore[arg-type]


class AccessChecks(forms.ModelForm):
    """Shows the separation-of-duties checks of nrm.accounts.services as form errors."""

    actor: User | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user = copy.copy(self.instance)
        if "organisation" in cleaned:
            user.organisation = cleaned["organisation"]
        roles = [g.name for g in cleaned["groups"]] if "groups" in cleaned else None
        try:
            services.access_change_check(
                actor=self.actor,
                user=user,
                before=services.access_of(self.instance),
                after=services.admin_user_access(user, roles),
            )
        except ValidationError as exc:
            for name, problems in exc.fields.items():
                field = "groups" if name == "roles" else name
                for problem in problems:
                    self.add_error(field if field in self.fields else None, problem)
        return cleaned


class UserChangeAccessForm(AccessChecks, UserChangeForm):
    pass


class UserAddAccessForm(AccessChecks, AdminUserCreationForm):
    pass


class NrmUserAdmin(RoleAdmin, UserAdmin):
    form = UserChangeAccessForm
    add_form = UserAddAccessForm
    list_display = ("username", "first_name", "last_name", "organisation", "roles", "is_active")
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

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("Roles"))
    def roles(self, obj: Any) -> str:
        """The roles by their names in the reader's language, as NRM's pages name them."""
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(g.name, g.name)) for g in obj.groups.all()) or "—"

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and field is not None:
            field.label = _("Roles")
            field.help_text = ""
        return field

    def get_form(
        self, request: HttpRequest, obj: Any | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user  # type: ignore[attr-defined]  # AccessChecks.actor
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        groups = form.cleaned_data.get("groups")
        roles = [g.name for g in groups] if groups is not None else None
        services.admin_user_save(actor=request.user, user=obj, roles=roles)  # type: ignore[arg-type]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The roles are saved (checked and audited) by save_model; nothing else is related."""


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
