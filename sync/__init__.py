"""The client engine: API client, local replica, outbox, check-out/check-in, merge.

No Qt here (DESIGN.md): the desktop client subscribes to the engine's plain callbacks.
"""
