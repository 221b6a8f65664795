"""Sentence boundaries from spaCy's blank English pipeline, optionally loaded in a helper process.

Importing spaCy and building its pipeline takes about a second, more than anything else a cold
`cypkg extract` does. `start_loading()` (called by `cypkg` before it imports its commands, see
kg/__main__.py) starts a fresh interpreter that runs this file: it imports only spaCy, builds the
same pipeline, and waits for the report's blocks. So the load overlaps importing the commands,
reading the report and building dateparser's tables, and `sentence_spans` takes the helper's
answer. Without a helper (a library caller, a second report in one process) or if the helper
fails, the pipeline is built in this process: the spans are the same either way (the same code,
the same spaCy, the same texts).

This file imports nothing of cypkg's: run as a script, it is the helper.
"""

from __future__ import annotations

import atexit
import json
import subprocess
import sys
from functools import cache
from typing import Any

HELPER_TIMEOUT = 120.0
"""Seconds to wait for the helper's answer before building the pipeline here instead."""


@cache
def pipeline() -> Any:  # spaCy's Language
    """A blank English pipeline that only splits sentences (no statistical model: none is needed)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    return [[(s.start_char, s.end_char) for s in doc.sents] for doc in pipeline().pipe(texts)]


class Helper:
    """The pipeline loading in a fresh interpreter that runs this file; it answers one list of texts."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-P", __file__],  # -P: this folder's modules never shadow spaCy's imports
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )

    def spans(self, texts: list[str]) -> list[list[tuple[int, int]]] | None:
        """The texts' sentence spans, or None if the helper failed (then it is stopped)."""
        try:
            out, _ = self.process.communicate(json.dumps(texts, ensure_ascii=True), timeout=HELPER_TIMEOUT)
            answer = json.loads(out) if self.process.returncode == 0 else None
        except (OSError, ValueError, subprocess.SubprocessError):
            answer = None
        if answer is None or len(answer) != len(texts):
            self.stop()
            return None
        return [[(a, b) for a, b in spans] for spans in answer]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


class _Loading:
    """This process's helper: started at most once, its answer taken by the next draft."""

    def __init__(self) -> None:
        self.started = False
        self.helper: Helper | None = None  # the helper started for this process's next draft

    def take(self) -> Helper | None:
        """The helper, handed over once: whoever takes it asks it (or stops it)."""
        helper, self.helper = self.helper, None
        return helper


_loading = _Loading()


def start_loading() -> None:
    """Start loading spaCy in a helper process, once per process, unless it is loaded here already."""
    if _loading.started or "spacy" in sys.modules:
        return
    _loading.started = True
    try:
        _loading.helper = Helper()
    except OSError:  # no interpreter to start: the pipeline is built here when needed
        return
    atexit.register(_stop)


def _stop() -> None:
    """End a helper whose answer was never asked for (the draft failed before its sentences)."""
    helper = _loading.take()
    if helper is not None:
        helper.stop()


def sentence_spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Each text's sentences as (start, end) character offsets: the helper's answer if one is loading."""
    helper = _loading.take()
    answer = helper.spans(texts) if helper is not None else None
    return answer if answer is not None else _spans(texts)


def _serve() -> None:
    """The helper: read the texts (a JSON list) from stdin, write their spans as JSON to stdout."""
    pipeline()
    texts = json.loads(sys.stdin.buffer.read())  # ASCII JSON both ways: no console encoding comes into it
    json.dump(_spans(texts), sys.stdout)


if __name__ == "__main__":
    _serve()
