"""Login, tokens, refresh, logout and the slowing down of repeated failures."""

from __future__ import annotations

import time
from datetime import timedelta

import jwt
from sqlalchemy import select

from server_stub.orm import LoginFailure

from .conftest import PASSWORD, Api, Server


def _login(server: Server, username: str, password: str) -> object:
    return server.client.post("/api/v1/auth/token", data={
        "username": username, "password": password, "tenant": server.tenant})


def test_login_and_me(server: Server, admin: Api) -> None:
    me = admin.get("/me").json()
    assert me["user"]["username"] == "admin"
    assert me["tenant"]["name"] == server.tenant
    assert "admin" in me["roles"] and "manage_rights" in me["permissions"]
    assert admin.tokens["token_type"] == "bearer" and admin.tokens["expires_in"] > 0


def test_unknown_user_and_wrong_password_look_the_same(server: Server, admin: Api) -> None:
    wrong = _login(server, "admin", "nope")
    unknown = _login(server, "nobody", "nope")
    assert wrong.status_code == unknown.status_code == 401  # type: ignore[attr-defined]
    assert wrong.json()["detail"] == unknown.json()["detail"]  # type: ignore[attr-defined]
    assert wrong.headers["content-type"].startswith(  # type: ignore[attr-defined]
        "application/problem+json")


def test_repeated_failures_are_slowed_down(server: Server, admin: Api) -> None:
    """The fourth attempt in a row is refused until the delay has passed (see
    test_login_throttle.py); a success then resets the account's counter."""
    server.context.settings.__dict__["login_delay_seconds"] = 30
    server.context.settings.__dict__["login_delay_max_seconds"] = 30
    for _ in range(3):
        _login(server, "admin", "wrong")
    assert _login(server, "admin", PASSWORD).status_code == 429  # type: ignore[attr-defined]
    with server.context.database.writing() as session:  # 31 s pass
        for failure in session.scalars(select(LoginFailure)):
            failure.last_at -= timedelta(seconds=31)
    assert _login(server, "admin", PASSWORD).status_code == 200  # type: ignore[attr-defined]
    for _ in range(3):  # the success reset the counter
        assert _login(server, "admin", "wrong").status_code == 401  # type: ignore[attr-defined]


def test_refresh_rotates_and_logout_revokes(server: Server, admin: Api) -> None:
    refreshed = server.client.post("/api/v1/auth/refresh",
                                   json={"refresh_token": admin.tokens["refresh_token"]})
    assert refreshed.status_code == 200
    new = refreshed.json()
    assert new["refresh_token"] != admin.tokens["refresh_token"]
    headers = {"Authorization": f"Bearer {new['access_token']}"}
    assert server.client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    for token in (new["refresh_token"], admin.tokens["refresh_token"]):
        assert server.client.post("/api/v1/auth/refresh", json={
            "refresh_token": token}).status_code == 401


def test_expired_and_forged_tokens_are_401(server: Server, admin: Api) -> None:
    claims = jwt.decode(admin.tokens["access_token"], options={"verify_signature": False})
    forged = jwt.encode({**claims, "exp": int(time.time()) + 3600}, "not-the-key",
                        algorithm="HS256")
    expired = server.context.signer
    original = expired.lifetime_seconds
    expired.lifetime_seconds = -10
    try:
        old = Api(server.client, "admin", server.tenant).tokens["access_token"]
    finally:
        expired.lifetime_seconds = original
    for token in (forged, old, "garbage", ""):
        response = server.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, token
        assert response.json()["status"] == 401
    assert server.client.get("/api/v1/me").status_code == 401


def _bearer(tokens: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def _refresh(server: Server, tokens: dict[str, str]) -> object:
    return server.client.post("/api/v1/auth/refresh",
                              json={"refresh_token": tokens["refresh_token"]})


def test_logout_ends_the_sessions_access_tokens_at_once(server: Server, admin: Api) -> None:
    other_device = Api(server.client, "admin", server.tenant)
    assert server.client.post("/api/v1/auth/logout",
                              headers=admin.headers).status_code == 204
    assert admin.get("/me").status_code == 401  # not only when it expires
    assert _refresh(server, admin.tokens).status_code == 401  # type: ignore[attr-defined]
    assert other_device.get("/me").status_code == 200  # another login is another session


def test_logout_everywhere_ends_every_session(server: Server, admin: Api) -> None:
    other_device = Api(server.client, "admin", server.tenant)
    assert server.client.post("/api/v1/auth/logout", headers=admin.headers,
                              json={"everywhere": True}).status_code == 204
    assert other_device.get("/me").status_code == 401


def test_reusing_a_rotated_refresh_token_revokes_its_family(server: Server,
                                                            admin: Api) -> None:
    """The thief refreshed first (or the owner did): when the old token comes back, every
    token of the family stops working, the newest included."""
    other_device = Api(server.client, "admin", server.tenant)
    rotated = _refresh(server, admin.tokens).json()  # type: ignore[attr-defined]
    assert server.client.get("/api/v1/me", headers=_bearer(rotated)).status_code == 200
    assert _refresh(server, admin.tokens).status_code == 401  # type: ignore[attr-defined]
    assert server.client.get("/api/v1/me", headers=_bearer(rotated)).status_code == 401
    assert _refresh(server, rotated).status_code == 401  # type: ignore[attr-defined]
    assert other_device.get("/me").status_code == 200


def test_access_tokens_are_short_lived(server: Server, admin: Api) -> None:
    assert 0 < admin.tokens["expires_in"] <= 300  # type: ignore[index]
