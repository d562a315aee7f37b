"""A process that imports est once and forks real `est` commands on request, so a test can
start (and kill -9) dozens of them in seconds instead of paying Python's start-up each time.

Protocol, one line each on stdin: `run OUTFILE ARG...` forks `est ARG...` with its output
in OUTFILE and answers its pid; `reap PID` waits for it and answers its exit status
(negative: the signal that ended it); `quit`. A child is reaped only when asked, so its pid
cannot be reused by another process before the test has killed it.
"""

from __future__ import annotations

import os
import sys

# What the commands import on their way; imported here, before any fork, once.
import est_cli.load.incidents
import est_cli.render.drawing
import est_cli.reports.tertial
import est_cli.reports.weekly  # noqa: F401
from est_cli.cli.app import app


def child(outfile: str, args: list[str]) -> None:
    fd = os.open(outfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    code = 1
    try:
        app(args, prog_name="est")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    print("ready", flush=True)
    while line := sys.stdin.readline():
        word, *rest = line.split()
        if word == "run":
            pid = os.fork()
            if pid == 0:
                child(rest[0], rest[1:])
            print(pid, flush=True)
        elif word == "reap":
            _, status = os.waitpid(int(rest[0]), 0)
            print(os.waitstatus_to_exitcode(status), flush=True)
        else:
            return


if __name__ == "__main__":
    main()
