"""Sentences: the helper process that loads spaCy for a cold `cypkg extract` splits them as this process does."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.imports import sentences
from kg.imports.extract.document import read_document
from kg.imports.sentences import Helper, sentence_spans

TUNING = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction" / "tuning"


def _texts() -> list[str]:
    return [b.text for b in read_document(TUNING / "sallowby-2019-09-18-hwb-report.pdf").blocks]


def test_the_helper_splits_a_report_into_the_same_sentences_as_this_process():
    texts = _texts()
    assert Helper().spans(texts) == sentences._spans(texts)


def test_a_helper_that_died_gives_no_answer_and_the_sentences_come_from_this_process(
    monkeypatch: pytest.MonkeyPatch,
):
    helper = Helper()
    helper.process.kill()
    helper.process.wait()
    assert helper.spans(["One. Two."]) is None
    monkeypatch.setattr(sentences._loading, "helper", helper)
    assert sentence_spans(["One. Two."]) == [[(0, 4), (5, 9)]]
