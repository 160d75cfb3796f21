"""Access rules (nenpyo_ui.access): settings → who may read and who may edit."""
import pytest

from nenpyo_ui.access import (OIDC, OPEN, PASSWORD, AccessConfig, access_config, can_edit, can_read,
                              grant_token, oidc_configured, password_matches)

AUTH = {"redirect_uri": "https://h/oauth2callback", "cookie_secret": "c" * 32,
        "client_id": "id", "client_secret": "s", "server_metadata_url": "https://idp/.well-known"}
AUTH_NAMED = {"redirect_uri": "https://h/oauth2callback", "cookie_secret": "c" * 32,
              "google": {"client_id": "id", "client_secret": "s", "server_metadata_url": "https://g"}}


@pytest.mark.parametrize("secrets,env,mode,edit_pw,read_pw,providers", [
    ({}, {}, OPEN, "", "", ()),
    ({}, {"NENPYO_EDIT_PASSWORD": "pw"}, PASSWORD, "pw", "", ()),
    ({"nenpyo": {"edit_password": "s"}}, {"NENPYO_EDIT_PASSWORD": "env"}, PASSWORD, "s", "", ()),
    ({"nenpyo": {"edit_password": "  "}}, {}, OPEN, "", "", ()),
    ({}, {"NENPYO_READ_PASSWORD": "r"}, OPEN, "", "r", ()),
    ({"nenpyo": {"read_password": "r", "edit_password": "e"}}, {}, PASSWORD, "e", "r", ()),
    ({"auth": AUTH}, {}, OIDC, "", "", ()),
    ({"auth": AUTH_NAMED}, {"NENPYO_EDIT_PASSWORD": "pw"}, OIDC, "pw", "", ("google",)),
    ({"auth": {"client_id": "id"}}, {}, OPEN, "", "", ()),  # incomplete [auth]: not usable
    ({"auth": "nonsense", "nenpyo": 3}, {}, OPEN, "", "", ()),
    (None, {}, OPEN, "", "", ()),
], ids=["nothing", "env-password", "secret-wins", "blank-password", "read-only-password", "both-secrets",
        "oidc", "oidc-named-provider", "incomplete-auth", "malformed-secrets", "no-secrets"])
def test_access_config(secrets, env, mode, edit_pw, read_pw, providers):
    cfg = access_config(secrets, env)
    assert (cfg.edit_mode, cfg.edit_password, cfg.read_password, cfg.providers) == (mode, edit_pw, read_pw, providers)


@pytest.mark.parametrize("auth,ok", [
    (AUTH, True), (AUTH_NAMED, True), ({}, False),
    ({**AUTH, "cookie_secret": ""}, False), ({k: v for k, v in AUTH.items() if k != "redirect_uri"}, False),
    ({"redirect_uri": "x", "cookie_secret": "y"}, False),
], ids=["client", "named-provider", "empty", "no-cookie-secret", "no-redirect", "no-client"])
def test_oidc_configured(auth, ok):
    assert oidc_configured(auth) is ok


@pytest.mark.parametrize("given,expected,ok", [
    ("s3cret", "s3cret", True), ("s3cret ", "s3cret", False), ("", "s3cret", False), ("x", "", False),
    (None, "s3cret", False), (123, "123", False), ("秘密", "秘密", True), ("a" * 5000, "a" * 5000, False),
], ids=["right", "trailing-space", "empty", "no-password-set", "none", "not-text", "japanese", "oversized"])
def test_password_matches(given, expected, ok):
    assert password_matches(given, expected) is ok


@pytest.mark.parametrize("cfg,facts,ok", [
    (AccessConfig(OPEN), {}, True),
    (AccessConfig(PASSWORD, "pw"), {}, False),
    (AccessConfig(PASSWORD, "pw"), {"grant": grant_token("pw")}, True),
    (AccessConfig(PASSWORD, "new"), {"grant": grant_token("pw")}, False),  # password changed
    (AccessConfig(PASSWORD, "pw"), {"grant": "pw"}, False),  # the password itself is no grant
    (AccessConfig(OIDC), {"logged_in": False}, False),
    (AccessConfig(OIDC), {"logged_in": True, "email": "a@x.jp"}, True),
    (AccessConfig(OIDC, editors=("a@x.jp",)), {"logged_in": True, "email": "A@X.jp"}, True),
    (AccessConfig(OIDC, editors=("a@x.jp",)), {"logged_in": True, "email": "b@x.jp"}, False),
    (AccessConfig(OIDC, "pw"), {"grant": grant_token("pw")}, False),  # OIDC configured: sign in
], ids=["open", "password-not-given", "password-given", "password-changed", "raw-password",
        "oidc-signed-out", "oidc-signed-in", "oidc-editor", "oidc-not-editor", "oidc-ignores-password"])
def test_can_edit(cfg, facts, ok):
    assert can_edit(cfg, **facts) is ok


@pytest.mark.parametrize("cfg,grant,ok", [
    (AccessConfig(), None, True), (AccessConfig(read_password="r"), None, False),
    (AccessConfig(read_password="r"), grant_token("r"), True), (AccessConfig(read_password="r"), grant_token("x"), False),
], ids=["open", "locked", "granted", "wrong-grant"])
def test_can_read(cfg, grant, ok):
    assert can_read(cfg, grant=grant) is ok


def test_editors_list_from_a_string():
    cfg = access_config({"auth": AUTH, "nenpyo": {"editors": "a@x.jp, B@y.jp"}}, {})
    assert cfg.editors == ("a@x.jp", "b@y.jp")
