"""A plan in the store back out as a workbook that imports to the same graph (the reverse of `rdf`).

The store is read with the named queries in kg/queries/workbook/ (one per sheet), each bound to the plan.
Period, status and meeting status are read back from the dated statements: the workbook's own
statement when the plan came from a workbook, else the latest any source makes. Rows keep the order
of the workbook they were read from (its rows are the paragraphs the nodes are derived from).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import XSD, Literal, URIRef

from kg.errors import UnknownIdError
from kg.imports.workbook.rdf import parse_row_locator
from kg.imports.workbook.schema import (
    DECISION_KINDS,
    DECISION_STATUS,
    MEETING_STATUS,
    ORG,
    PARTNER_TYPES,
    PLAN_STATUS,
    RELATION_WORDS,
    ROLES,
    SHEETS,
    STRATEGY_TYPES,
)
from kg.imports.workbook.template import write_workbook
from kg.namespaces import CYP, ID, local_id
from kg.queries import QUERY_DIR, parse_query_file
from kg.store.protocol import Store


@cache
def _queries() -> dict[str, str]:
    """The export's queries, one per sheet, by name (kg/queries/workbook/*.rq)."""
    return {p.stem: parse_query_file(p).text for p in sorted((QUERY_DIR / "workbook").glob("*.rq"))}


def _query(name: str) -> str:
    return _queries()[name]


def statement_for(store: Store, node: URIRef, report: URIRef) -> dict[str, Any]:
    """What the workbook `report` says about `node`, else what the latest dated statement says ({} if none)."""
    by_statement: dict[Any, dict[str, Any]] = {}
    for r in store.select(_query("statements"), {"node": node}):
        merged = by_statement.setdefault(r["statement"], {})
        for key, value in r.items():
            if value is not None and key != "report":
                merged.setdefault(key, value)
        merged.setdefault("reports", set()).add(r.get("report"))
    if not by_statement:
        return {}
    own = [s for s in by_statement.values() if report in s["reports"]]
    if own:
        return own[0]
    return max(by_statement.values(), key=lambda s: (str(s.get("asAt", "")), str(s["statement"])))


def _row_numbers(store: Store, report: URIRef) -> dict[Any, int]:
    """The workbook row each node was read from (none for a plan that did not come from a workbook)."""
    rows: dict[Any, int] = {}
    for r in store.select(_query("rows"), {"report": report}):
        located = parse_row_locator(str(r["number"]))
        if located is not None:
            rows[r["node"]] = min(rows.get(r["node"], located[1]), located[1])
    return rows


def _in_row_order(rows: list[tuple[Any, tuple[Any, ...]]], numbers: dict[Any, int]) -> list[tuple[Any, ...]]:
    """Rows (each with the node it describes) in the workbook's order, others after in the order given."""
    ordered = sorted(enumerate(rows), key=lambda item: (numbers.get(item[1][0], 10**9), item[0]))
    return [values for _, (_, values) in ordered]


def export_rows(store: Store, plan_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """A plan in the store as rows per sheet: the reverse of `convert`."""
    plan = ID[f"plan/{plan_id}"]
    found = store.select(_query("plan"), {"plan": plan})
    if not found:
        raise UnknownIdError("plan", plan_id, hint='`cypkg sparql "SELECT ?p WHERE { ?p a cyp:Plan }"` lists plans')

    def q(name: str, **extra: URIRef) -> list[dict]:
        return store.select(_query(name), {"plan": plan, **extra})

    def s(term: Any) -> Any:
        return "" if term is None else str(term)

    p = found[0]
    report = ID[f"report/{plan_id}-workbook"]
    numbers = _row_numbers(store, report)
    said = statement_for(store, plan, report)
    as_at = store.select(_query("as_at"), {"report": report})
    out: dict[str, list[tuple[Any, ...]]] = {sheet.name: [] for sheet in SHEETS}
    out["plan"].append(
        (
            plan_id,
            s(said.get("title") or p.get("title")),
            _id(p.get("authority")),
            _when(said.get("start")),
            _when(said.get("end")),
            PLAN_STATUS.word(said.get("status")),
            _when(as_at[0]["date"] if as_at else said.get("asAt")),
        )
    )
    outcomes = [(r["outcome"], (_id(r["outcome"]), s(r.get("label")), s(r.get("definition")))) for r in q("outcomes")]
    out["outcomes"] = _in_row_order(outcomes, numbers)
    priorities = [
        (r["priority"], (_id(r["priority"]), s(r.get("label")), _id(r.get("outcome")))) for r in q("priorities")
    ]
    out["priorities"] = _in_row_order(priorities, numbers)
    partners: set[URIRef] = set()
    for r in q("owners"):
        out["owners"].append((_id(r["priority"]), _id(r["partner"]), ROLES.word(r["role"])))
        partners.add(r["partner"])
    indicators = []
    for r in q("indicators"):
        values: dict[str, tuple[Any, Any]] = {}
        for t in store.select(_query("targets"), {"indicator": r["indicator"]}):
            which = "baseline" if str(t.get("label", "")) == "baseline" else "target"
            values[which] = (_python(t["value"]), _when(t.get("year")))
        base, target = values.get("baseline", ("", "")), values.get("target", ("", ""))
        row = (_id(r["indicator"]), s(r.get("label")), _id(r["priority"]), s(r.get("unit")))
        indicators.append((r["indicator"], (*row, _num(base[0]), base[1], _num(target[0]), target[1])))
    out["indicators"] = _in_row_order(indicators, numbers)
    meetings = []
    for r in q("meetings", report=report):
        status = statement_for(store, r["meeting"], report).get("meetingStatus")
        meetings.append(
            (
                r["meeting"],
                (
                    _id(r["meeting"]),
                    _id(r.get("body")),
                    _when(r.get("date")),
                    MEETING_STATUS.word(status),
                    DECISION_KINDS.word(r.get("kind")),
                    DECISION_STATUS.word(r.get("dstatus")),
                    s(r.get("description")),
                    "" if r.get("about") in (None, plan) else _id(r["about"]),
                ),
            )
        )
        if r.get("body") is not None:
            partners.add(r["body"])
    out["meetings"] = _in_row_order(meetings, numbers)
    strategies = []
    for r in q("strategies"):
        kind = r.get("stype") or r.get("ptype")
        row = (_id(r["strategy"]), s(r.get("name")), RELATION_WORDS.word(r["relation"]), STRATEGY_TYPES.word(kind))
        strategies.append((r["strategy"], row))
    out["strategies"] = _in_row_order(strategies, numbers)
    described = []
    for partner in sorted(partners):
        if "/authority/" in str(partner):
            continue
        rows = store.select(_query("partner"), {"partner": partner})
        types = {r.get("type") for r in rows}
        word = _partner_word(types)
        name = next((str(r["name"]) for r in rows if r.get("name") is not None), "")
        code = next((str(r["code"]) for r in rows if r.get("code") is not None), "")
        described.append((partner, (_id(partner), name, word, code)))
    out["partners"] = _in_row_order(described, numbers)
    return out


def _partner_word(types: set[Any]) -> str:
    """The most specific partner type among a node's (asserted and inferred) classes."""
    generic = {ORG.Organization, CYP.Body}
    for allow_generic in (False, True):
        for word in PARTNER_TYPES.words:
            cls = PARTNER_TYPES.term(word)
            if cls in types and (allow_generic or cls not in generic):
                return word
    return ""


def _python(term: Any) -> Any:
    """A literal's Python value (a date, a Decimal); any other term as it is."""
    return term.toPython() if isinstance(term, Literal) else term


def _id(term: Any) -> str:
    return local_id(str(term)) if term is not None else ""


def _when(term: Any) -> Any:
    """A date as the workbook writes it back: a day as a date cell, a year as a number, a month as yyyy-mm."""
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype == XSD.date:
        value = term.toPython()
        return value if isinstance(value, dt.date) else str(term)
    text = str(term)
    return int(text) if text.isdigit() and len(text) == 4 else text


def _num(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def export_plan(store: Store, plan_id: str, path: Path) -> Path:
    """`cypkg export PLAN plan.xlsx`: the plan as a workbook that imports back to the same graph."""
    return write_workbook(path, export_rows(store, plan_id))
