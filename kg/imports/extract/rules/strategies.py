"""Strategies: the other strategies and plans a report names (the plan itself is `plans`')."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from kg.imports.extract.rules.context import Context, Proposal
from kg.imports.extract.rules.plans import _PLAN_CORE

_STRATEGY = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+(?:(?:and|&|of|for)\s+)?){0,6}(?:Strategy|Strategic Plan|Development Plan|Support Plan|"
    r"Childcare Plan|Services Plan|Corporate Plan|Council Plan|Annual Plan|Improvement Plan|Partnership Plan|"
    r"Area Agreement|Needs Assessment|Employability Plan|Children's Plan|LAA2)"
    r"(?:\s+(?:19|20)\d{2}\s*[-–/]\s*\d{2,4})?)"
)


def _strategies(ctx: Context) -> None:
    seen: dict[str, Proposal] = {}
    for s in ctx.sentences:
        for m in _STRATEGY.finditer(s.text):
            name = re.sub(
                r"^(?:The|This|Our|Its|A|An|In|Under|Whilst|Both|All|Council's|Council’s)\s+", "", m.group(1)
            ).strip()
            if name == "LAA2":
                name = "Local Area Agreement"
            if _PLAN_CORE.search(name) or re.match(r"(?:Head|Director|Manager)\b", name) or len(name.split()) < 2:
                continue
            if re.search(r"\b(?:of|for)\s+Children'?s?\s+Strategy", name):
                continue
            if re.match(r"\s+(?:Co-?ordinator|Manager|Officer|Lead|Team)\b", s.text[m.end() :]):
                continue  # "Children's Plan Co-ordinator": a post, not a plan
            key = name.lower()
            hit = process.extractOne(key, list(seen), scorer=fuzz.token_set_ratio, score_cutoff=90) if seen else None
            if hit:
                continue
            ctx.add("strategy", {"name": name}, s, 0.7, span=name)
            seen[key] = ctx.proposals[-1]
