"""A zygote: a client script's runs served as forks of one process that paid the imports once.

Each line on stdin is ``{"argv": [...], "env": {...}, "stdout": PATH, "stderr": PATH,
"kill_after": SECONDS|null}``. The zygote forks a child that runs ``main(argv)`` with that
environment and those output files, answers ``{"pid": ...}`` at once, then
``{"pid": ..., "returncode": ...}`` when the child ended (negative: killed by that signal).
With ``kill_after`` the zygote itself sends ``SIGKILL`` to its child after that many seconds
unless it ended before (a pulled plug from outside; the child is never reaped before the
kill, so no other process can have its id). The zygote starts no thread and opens no
connection, so a fork is as clean as a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

__all__ = ["serve_forks"]

Main = Callable[[list[str]], int]


def serve_forks(main: Main) -> int:
    while line := sys.stdin.readline():
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(request, main)
        print(json.dumps({"pid": pid}), flush=True)
        kill_after = request.get("kill_after")
        if kill_after is not None:
            deadline = time.monotonic() + float(kill_after)
            while time.monotonic() < deadline:
                # ended? (WNOWAIT: looked at, not reaped)
                if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                    break
                time.sleep(0.005)
            else:
                os.kill(pid, signal.SIGKILL)  # not reaped yet: still our child
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"pid": pid, "returncode": os.waitstatus_to_exitcode(status)}),
              flush=True)
    return 0


def _child(request: dict[str, Any], main: Main) -> None:
    code = 1
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        for fd, name in ((1, "stdout"), (2, "stderr")):
            target = os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        os.environ.clear()
        os.environ.update(request["env"])
        from sync import faults

        faults.reset()
        signal.alarm(120)  # a hang ends as SIGALRM, which the test reports
        code = main(request["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
