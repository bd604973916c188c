"""One sign-in, several clients (the desktop's window and its engine): a refresh token may be
used once — the server ends the whole session when a rotated one comes back — so the clients
of one sign-in share their tokens and exactly one of them refreshes."""

from __future__ import annotations

import threading

from sync.remote import RemoteClient, Tokens

from .conftest import PASSWORD, TENANT, LiveServer


def test_siblings_refresh_once_and_stay_signed_in(live_server: LiveServer) -> None:
    first = RemoteClient(live_server.url, retries=1, backoff=0.01)
    first.login("alice", PASSWORD, TENANT)
    clients = [first, *(first.sibling() for _ in range(3))]
    assert first.tokens is not None
    # the access token ran out for all of them at once
    first.tokens = Tokens("expired-access-token", first.tokens.refresh_token)
    start = threading.Barrier(len(clients))
    answers: list[object] = []

    def ask(client: RemoteClient) -> None:
        start.wait()
        try:
            answers.append(client.signed_in_user().username)
        except Exception as exc:
            answers.append(exc)

    threads = [threading.Thread(target=ask, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == ["alice"] * len(clients)
    assert all(client.tokens == first.tokens for client in clients)
    assert clients[-1].signed_in_user().username == "alice"  # the session lives on
    for client in clients:
        client.close()
