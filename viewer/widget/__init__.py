"""The Qt widget of the viewer; the only part of `viewer` that imports PySide6."""

from __future__ import annotations

from ._canvas import page_rect_to_view
from ._tasks import MainThreadInbox, TaskPool, main_thread_inbox, receiver_gone
from .view import DocumentView

__all__ = ["DocumentView", "MainThreadInbox", "TaskPool", "main_thread_inbox",
           "page_rect_to_view", "receiver_gone"]
