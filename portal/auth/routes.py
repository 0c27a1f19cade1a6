"""Login, logout, registration and the account page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from portal.admin.forms import InvitationForm
from portal.admin.operations import accept_invitation as accept_staff_invitation
from portal.admin.operations import auto_assign_new_citizen, find_invitation
from portal.auth import service
from portal.auth.forms import ChangePasswordForm, LanguageForm, LoginForm, RegisterForm
from portal.extensions import db, limiter
from portal.i18n import current_lang
from portal.models.user import Role, User
from portal.ratelimits import address_key, setting

bp = Blueprint("auth", __name__, url_prefix="/<lang_code>")

HOME_BY_ROLE = {
    Role.CITIZEN: "citizen.home",
    Role.EMPLOYER: "employer.home",
    Role.CASEWORKER: "caseworker.home",
    Role.ADMIN: "admin.home",
}
ERROR_TEXT = {
    ("email", "taken"): _l("Der findes allerede en konto med den e-mail. Log ind i stedet."),
    ("password", "too_short"): _l("Adgangskoden er for kort."),
    ("current_password", "wrong"): _l("Den nuværende adgangskode er forkert."),
}


def home_for(user: User) -> str:
    """URL of a user's own start page."""
    if user.preferred_language:
        return url_for(HOME_BY_ROLE[user.role], lang_code=user.preferred_language)
    return url_for(HOME_BY_ROLE[user.role])


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def wait_text(seconds: int) -> str:
    """ "Wait N seconds/minutes" in the user's language."""
    if seconds < 90:
        return ngettext(
            "For mange forkerte forsøg på denne konto. Vent %(num)d sekund, og prøv igen.",
            "For mange forkerte forsøg på denne konto. Vent %(num)d sekunder, og prøv igen.",
            seconds,
        )
    minutes = (seconds + 59) // 60
    return ngettext(
        "For mange forkerte forsøg på denne konto. Vent %(num)d minut, og prøv igen.",
        "For mange forkerte forsøg på denne konto. Vent %(num)d minutter, og prøv igen.",
        minutes,
    )


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(setting("LOGIN_ADDRESS_RATE_LIMIT"), methods=["POST"], key_func=address_key)
def login() -> ResponseReturnValue:
    form = LoginForm()
    retry_after = 0
    if form.validate_on_submit():
        result = service.attempt_login(form.email.data or "", form.password.data or "")
        if result.user is not None:
            login_user(result.user)
            if result.user.must_change_password:
                flash(_("Vælg din egen adgangskode, før du går videre."), "warning")
                return redirect(url_for("auth.account"))
            return redirect(_safe_next(request.args.get("next")) or home_for(result.user))
        retry_after = result.retry_after
        form.password.errors = [
            wait_text(retry_after) if retry_after else _("E-mail eller adgangskode er forkert.")
        ]
    if retry_after:
        headers = {"Retry-After": str(retry_after)}
        return render_template("auth/login.html", form=form), 429, headers
    return render_template("auth/login.html", form=form), (422 if form.errors else 200)


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """Log out on the server too: every session of this account ends, so a copied or
    stolen cookie stops working."""
    if current_user.is_authenticated:
        service.end_all_sessions(current_user)
    logout_user()
    flash(_("Du er logget ud."), "info")
    return redirect(url_for("main.home"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(
    setting("LOGIN_ADDRESS_RATE_LIMIT"), methods=["POST"], key_func=address_key, scope="register"
)
def register() -> ResponseReturnValue:
    form = RegisterForm()
    if form.validate_on_submit():
        role = Role(form.role.data)
        try:
            user = service.register_user(
                form.email.data or "",
                form.password.data or "",
                role,
                form.display_name.data or "",
                preferred_language=current_lang(),
                organisation=(form.organisation.data or None) if role is Role.EMPLOYER else None,
            )
        except service.AccountError as err:
            getattr(form, err.field).errors = [str(ERROR_TEXT[(err.field, err.code)])]
        else:
            if user.role is Role.CITIZEN:
                auto_assign_new_citizen(user)  # only when a team has automatic assignment on
            login_user(user)
            flash(_("Velkommen til Jobvej. Din konto er oprettet."), "success")
            return redirect(home_for(user))
    return render_template("auth/register.html", form=form), (422 if form.errors else 200)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> ResponseReturnValue:
    password_form = ChangePasswordForm(prefix="pw")
    language_form = LanguageForm(prefix="lang", language=current_user.preferred_language or "da")
    if request.method == "POST" and "pw-submit" in request.form:
        if password_form.validate_on_submit():
            try:
                service.change_password(
                    current_user,
                    password_form.current_password.data or "",
                    password_form.new_password.data or "",
                )
            except service.AccountError as err:
                getattr(password_form, err.field).errors = [str(ERROR_TEXT[(err.field, err.code)])]
            else:
                login_user(current_user._get_current_object())  # this session stays; others end
                flash(_("Din adgangskode er ændret. Du er logget ud på andre enheder."), "success")
                return redirect(url_for("auth.account"))
    elif (
        request.method == "POST"
        and "lang-submit" in request.form
        and language_form.validate_on_submit()
    ):
        service.set_preferred_language(current_user, language_form.language.data or "da")
        flash(_("Dit sprogvalg er gemt."), "success")
        return redirect(url_for("auth.account", lang_code=language_form.language.data))
    status = 422 if (password_form.errors or language_form.errors) else 200
    return render_template(
        "auth/account.html", password_form=password_form, language_form=language_form
    ), status


# Pages a user with a temporary password may open before choosing their own.
PASSWORD_CHANGE_ALLOWED = {"auth.account", "auth.logout", "static", "main.healthz"}


@bp.before_app_request
def require_own_password() -> ResponseReturnValue | None:
    """An account with a temporary password (set by an admin) sees only the account page
    until the password is changed."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in PASSWORD_CHANGE_ALLOWED
    ):
        flash(_("Vælg din egen adgangskode, før du går videre."), "warning")
        return redirect(url_for("auth.account", lang_code=current_lang()))
    return None


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> ResponseReturnValue:
    """A new staff member chooses their password from the one-time link an admin sent."""
    invitation = find_invitation(token[:100])
    if invitation is None:
        return render_template("auth/invitation.html", form=None), 404
    user = db.session.get(User, invitation.user_id)
    form = InvitationForm()
    if user is not None and form.validate_on_submit():
        accept_staff_invitation(invitation, form.new_password.data or "")
        if current_user.is_authenticated:
            logout_user()
        flash(
            _("Din adgangskode er gemt. Log ind med din e-mail og den nye adgangskode."), "success"
        )
        return redirect(url_for("auth.login")), 303
    return render_template("auth/invitation.html", form=form, email=user.email if user else ""), (
        422 if form.errors else 200
    )
