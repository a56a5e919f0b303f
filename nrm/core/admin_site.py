"""The administrators' site: accounts only. Domain records are never edited here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nrm.core.roles import Role, has_role


class NrmAdminSite(admin.AdminSite):
    site_header = _("NRM administration")
    site_title = _("NRM administration")
    index_title = _("Users and organisations")

    def has_permission(self, request: HttpRequest) -> bool:
        return has_role(request.user, Role.ADMIN)


class RoleAdmin(admin.ModelAdmin):
    """Model admin open to the admin role (instead of Django's per-model permissions)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_role(request.user, Role.ADMIN)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return has_role(request.user, Role.ADMIN)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_role(request.user, Role.ADMIN)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


site = NrmAdminSite(name="admin")
