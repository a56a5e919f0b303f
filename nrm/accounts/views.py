from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nrm.accounts import lockout, selectors, services
from nrm.accounts.forms import LanguageForm, LoginForm, OrganisationFilterForm, PasswordForm
from nrm.accounts.http import AuthenticatedRequest
from nrm.core.errors import NotFound, ValidationError
from nrm.core.http import allow_without_role
from nrm.core.roles import roles_of


@method_decorator(login_not_required, name="dispatch")
class SignInView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Signed-in users go on to their home page; a user without a role may sign in as
        # someone else instead of being sent to a page that refuses them.
        self.redirect_authenticated_user = bool(roles_of(request.user))
        return super().dispatch(request, *args, **kwargs)


sign_in = SignInView.as_view()
sign_out = allow_without_role(LogoutView.as_view())


@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    language_form = LanguageForm(initial={"language": user.language})
    password_form = PasswordForm()
    if request.method == "POST" and request.POST.get("form") == "language":
        language_form = LanguageForm(request.POST)
        if language_form.is_valid():
            language = language_form.cleaned_data["language"]
            services.user_set_language(actor=user, language=language)
            messages.success(request, _("Your preferred language is saved."))
            response = redirect("accounts:profile")
            if language:
                response.set_cookie("django_language", language, samesite="Lax", httponly=True)
            else:
                response.delete_cookie("django_language")
            return response
    if request.method == "POST" and request.POST.get("form") == "password":
        password_form = PasswordForm(request.POST)
        if password_form.is_valid():
            if not lockout.password_check_allowed(request, user):
                password_form.add_error(
                    "old_password",
                    _("Too many wrong passwords: the account is locked for a while."),
                )
            elif not user.check_password(password_form.cleaned_data["old_password"]):
                lockout.password_check_failed(request, user)
                password_form.add_error("old_password", _("This is not your current password."))
            else:
                try:
                    services.user_set_password(
                        actor=user, user=user, password=password_form.cleaned_data["new_password"]
                    )
                except ValidationError as exc:
                    for message in exc.fields.get("password", [exc.message]):
                        password_form.add_error("new_password", message)
                else:
                    update_session_auth_hash(request, user)
                    messages.success(request, _("Your password is changed."))
                    return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "language_form": language_form,
            "password_form": password_form,
            "tokens": selectors.token_list(actor=user),
        },
    )


@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = selectors.token_list(actor=request.user).filter(pk=pk).first()
    if token is None:
        raise NotFound()
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:profile")


def organisations(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    orgs = selectors.organisation_list(actor=request.user, **filters)
    page = Paginator(orgs, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/organisations.html", {"form": form, "page": page})
