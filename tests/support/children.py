"""Servers the tests start end with the test process, even when it is killed (Ctrl-C twice, a CI timeout)."""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1


def end_with_parent() -> None:
    """A `preexec_fn`: Linux sends this child SIGTERM when the process that started it ends, however it ends,
    so a killed pytest leaves no Virtuoso or `cypkg serve` running behind it."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
