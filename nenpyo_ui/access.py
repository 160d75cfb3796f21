"""Access stage: deployment settings (Streamlit secrets + environment) and the person's session →
may they read the dashboard, may they edit the corpus.

Editing (adding, editing, removing documents, date overrides) is gated by the first of:
  1. Streamlit's OIDC sign-in, when secrets have an [auth] section: `st.login` /
     `st.user.is_logged_in`; optionally only the e-mail addresses in `nenpyo.editors`.
  2. A shared password, secrets `nenpyo.edit_password` or env NENPYO_EDIT_PASSWORD.
  3. Nothing configured: editing is open (a local, single-person installation).
Reading is open unless a read password is set (secrets `nenpyo.read_password` or env
NENPYO_READ_PASSWORD).

The decisions are pure functions of (settings, session facts) and tested without Streamlit; the
gate widgets at the end of the module are thin. A granted password is remembered in the
session as a digest of the password it matched, so changing the password ends old grants.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Mapping

EDIT_PASSWORD_ENV = "NENPYO_EDIT_PASSWORD"
READ_PASSWORD_ENV = "NENPYO_READ_PASSWORD"
SECRETS_SECTION = "nenpyo"
MAX_PASSWORD_CHARS = 1000
EDIT_GRANT_KEY = "_nenpyo_edit_grant"
READ_GRANT_KEY = "_nenpyo_read_grant"

OPEN, PASSWORD, OIDC = "open", "password", "oidc"


@dataclass(frozen=True)
class AccessConfig:
    edit_mode: str = OPEN  # OPEN, PASSWORD or OIDC
    edit_password: str = ""
    read_password: str = ""
    providers: tuple[str, ...] = ()  # named OIDC providers ([auth.google] …); () = the default one
    editors: tuple[str, ...] = ()  # e-mail addresses allowed to edit under OIDC; () = anyone signed in


def _section(secrets: Mapping | None, name: str) -> Mapping:
    try:
        value = secrets.get(name) if secrets is not None else None
    except Exception:  # st.secrets raises when there is no secrets file
        return {}
    return value if isinstance(value, Mapping) else {}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def oidc_configured(auth: Mapping) -> bool:
    """An [auth] section Streamlit can sign in with: redirect_uri + cookie_secret, and either a
    client_id of its own or at least one provider subsection."""
    if not auth or not _text(auth.get("redirect_uri")) or not _text(auth.get("cookie_secret")):
        return False
    return bool(_text(auth.get("client_id")) or any(isinstance(v, Mapping) for v in auth.values()))


def access_config(secrets: Mapping | None, env: Mapping[str, str]) -> AccessConfig:
    """Secrets (st.secrets or a dict) + environment → AccessConfig. Secrets win over the
    environment for passwords.

    >>> access_config({}, {"NENPYO_EDIT_PASSWORD": "s3cret"}).edit_mode
    'password'
    >>> access_config({}, {}).edit_mode
    'open'
    """
    auth = _section(secrets, "auth")
    ours = _section(secrets, SECRETS_SECTION)
    edit_pw = _text(ours.get("edit_password")) or _text(env.get(EDIT_PASSWORD_ENV))
    read_pw = _text(ours.get("read_password")) or _text(env.get(READ_PASSWORD_ENV))
    editors = ours.get("editors") or ()
    if isinstance(editors, str):
        editors = [e for e in editors.replace(";", ",").split(",")]
    editors = tuple(sorted({e.strip().casefold() for e in editors if isinstance(e, str) and e.strip()}))
    if oidc_configured(auth):
        providers = tuple(k for k, v in auth.items() if isinstance(v, Mapping))
        if _text(auth.get("client_id")):
            providers = ()  # a top-level client: st.login() without a name
        return AccessConfig(OIDC, edit_pw, read_pw, providers, editors)
    if edit_pw:
        return AccessConfig(PASSWORD, edit_pw, read_pw, (), editors)
    return AccessConfig(OPEN, "", read_pw, (), editors)


def password_matches(given: object, expected: str) -> bool:
    """Constant-time comparison; an empty or oversized answer never matches."""
    if not isinstance(given, str) or not expected or not given or len(given) > MAX_PASSWORD_CHARS:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def grant_token(password: str) -> str:
    """What the session remembers after a right password: a digest, never the password."""
    return hashlib.sha256(b"nenpyo-grant\0" + password.encode("utf-8")).hexdigest()


def grant_valid(token: object, password: str) -> bool:
    return isinstance(token, str) and bool(password) and hmac.compare_digest(token, grant_token(password))


def can_edit(cfg: AccessConfig, *, logged_in: bool = False, email: str | None = None,
             grant: object = None) -> bool:
    """May this session change the corpus?"""
    if cfg.edit_mode == OPEN:
        return True
    if cfg.edit_mode == PASSWORD:
        return grant_valid(grant, cfg.edit_password)
    if not logged_in:
        return False
    return not cfg.editors or (email or "").strip().casefold() in cfg.editors


def can_read(cfg: AccessConfig, *, grant: object = None) -> bool:
    """May this session see the dashboard at all?"""
    return not cfg.read_password or grant_valid(grant, cfg.read_password)


# ---------------------------------------------------------------- Streamlit glue

def current_config() -> AccessConfig:
    import streamlit as st

    try:
        secrets = st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except Exception:  # no secrets.toml anywhere, or an unreadable one: nothing configured
        secrets = {}
    return access_config(secrets, os.environ)


def _user() -> tuple[bool, str | None]:
    import streamlit as st

    try:
        return bool(st.user.is_logged_in), st.user.get("email")
    except Exception:
        return False, None


def read_gate(lang: str) -> bool:
    """Before anything else is shown: a password form when reading is restricted. True = go on."""
    import streamlit as st

    from .i18n import t

    cfg = current_config()
    if can_read(cfg, grant=st.session_state.get(READ_GRANT_KEY)):
        return True
    st.title(t("app_title", lang))
    with st.form("read_gate"):
        given = st.text_input(t("read_password", lang), type="password", max_chars=MAX_PASSWORD_CHARS)
        if st.form_submit_button(t("sign_in", lang)):
            if password_matches(given, cfg.read_password):
                st.session_state[READ_GRANT_KEY] = grant_token(cfg.read_password)
                st.rerun()
            st.error(t("wrong_password", lang))
    return False


def edit_allowed() -> bool:
    """May this session edit? (no UI; the sources page's date control uses it)."""
    import streamlit as st

    cfg = current_config()
    logged_in, email = _user() if cfg.edit_mode == OIDC else (False, None)
    return can_edit(cfg, logged_in=logged_in, email=email, grant=st.session_state.get(EDIT_GRANT_KEY))


def edit_gate(lang: str) -> bool:
    """Editing controls follow when this returns True; otherwise it shows how to get access
    (sign-in button or password form)."""
    import streamlit as st

    from .i18n import t

    cfg = current_config()
    if edit_allowed():
        if cfg.edit_mode == OIDC:
            logged_in, email = _user()
            c1, c2 = st.columns([4, 1])
            c1.caption(t("signed_in_as", lang, who=email or "—"))
            if c2.button(t("sign_out", lang), key="oidc_logout"):
                st.logout()
        elif cfg.edit_mode == PASSWORD:
            if st.button(t("lock_editing", lang), key="lock_editing"):
                st.session_state.pop(EDIT_GRANT_KEY, None)
                st.rerun()
        return True
    st.info(t("edit_locked", lang))
    if cfg.edit_mode == OIDC:
        logged_in, _email = _user()
        if logged_in:
            st.warning(t("not_an_editor", lang))
            if st.button(t("sign_out", lang), key="oidc_logout"):
                st.logout()
            return False
        for provider in cfg.providers or (None,):
            label = t("sign_in", lang) + (f" ({provider})" if provider else "")
            if st.button(label, key=f"oidc_login_{provider or 'default'}"):
                st.login(provider) if provider else st.login()
        return False
    with st.form("edit_gate"):
        given = st.text_input(t("edit_password", lang), type="password", max_chars=MAX_PASSWORD_CHARS,
                              key="edit_password_input")
        if st.form_submit_button(t("unlock_editing", lang)):
            if password_matches(given, cfg.edit_password):
                st.session_state[EDIT_GRANT_KEY] = grant_token(cfg.edit_password)
                st.rerun()
            st.error(t("wrong_password", lang))
    return False
