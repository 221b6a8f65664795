"""A plan in the store back out as a workbook that imports to the same graph (the reverse of `rdf`).

The store is read with the named queries in kg/queries/workbook/ (one per sheet), each bound to the plan.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from kg.errors import UnknownIdError
from kg.imports.workbook.schema import (
    DECISION_KINDS,
    DECISION_STATUS,
    MEETING_STATUS,
    ORG,
    PARTNER_TYPES,
    PLAN_STATUS,
    RELATIONS,
    ROLES,
    SHEETS,
    STRATEGY_TYPES,
)
from kg.imports.workbook.template import write_workbook
from kg.namespaces import CYP, ID, local_id
from kg.queries import QUERY_DIR, parse_query_file
from kg.store.protocol import Store


def _word(mapping: dict[str, Any], term: Any) -> str:
    for word, value in mapping.items():
        if value == term or (isinstance(value, tuple) and term in value):
            return word
    return ""


@cache
def _queries() -> dict[str, str]:
    """The export's queries, one per sheet, by name (kg/queries/workbook/*.rq)."""
    return {p.stem: parse_query_file(p).text for p in sorted((QUERY_DIR / "workbook").glob("*.rq"))}


def _query(name: str) -> str:
    return _queries()[name]


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
    as_at = store.select(_query("as_at"), {"report": ID[f"report/{plan_id}-workbook"]})
    out: dict[str, list[tuple[Any, ...]]] = {sheet.name: [] for sheet in SHEETS}
    out["plan"].append(
        (
            plan_id,
            s(p.get("title")),
            _id(p.get("authority")),
            _year(p.get("start")),
            _year(p.get("end")),
            _word(PLAN_STATUS, p.get("status")),
            _python(as_at[0]["date"]) if as_at else "",
        )
    )
    for r in q("outcomes"):
        out["outcomes"].append((_id(r["outcome"]), s(r.get("label")), s(r.get("definition"))))
    for r in q("priorities"):
        out["priorities"].append((_id(r["priority"]), s(r.get("label")), _id(r.get("outcome"))))
    partners: set[URIRef] = set()
    for r in q("owners"):
        out["owners"].append((_id(r["priority"]), _id(r["partner"]), _word(ROLES, r["role"])))
        partners.add(r["partner"])
    for r in q("indicators"):
        values: dict[str, tuple[Any, Any]] = {}
        for t in store.select(_query("targets"), {"indicator": r["indicator"]}):
            which = "baseline" if str(t.get("label", "")) == "baseline" else "target"
            values[which] = (_python(t["value"]), _year(t.get("year")))
        base, target = values.get("baseline", ("", "")), values.get("target", ("", ""))
        out["indicators"].append(
            (
                _id(r["indicator"]),
                s(r.get("label")),
                _id(r["priority"]),
                s(r.get("unit")),
                _num(base[0]),
                base[1],
                _num(target[0]),
                target[1],
            )
        )
    for r in q("meetings"):
        day = r.get("date")
        date_value = _python(day) if day is not None else ""
        out["meetings"].append(
            (
                _id(r["meeting"]),
                _id(r.get("body")),
                date_value,
                _word(MEETING_STATUS, r.get("status")),
                _word(DECISION_KINDS, r.get("kind")),
                _word(DECISION_STATUS, r.get("dstatus")),
                s(r.get("description")),
            )
        )
        if r.get("body") is not None:
            partners.add(r["body"])
    for r in q("strategies"):
        relation = next(w for w, (prop, _, _) in RELATIONS.items() if prop == r["relation"])
        kind = r.get("stype") or r.get("ptype")
        out["strategies"].append((_id(r["strategy"]), s(r.get("name")), relation, _word(STRATEGY_TYPES, kind)))
    for partner in sorted(partners):
        if "/authority/" in str(partner):
            continue
        rows = store.select(_query("partner"), {"partner": partner})
        types = {r.get("type") for r in rows}
        word = _partner_word(types)
        name = next((str(r["name"]) for r in rows if r.get("name") is not None), "")
        code = next((str(r["code"]) for r in rows if r.get("code") is not None), "")
        out["partners"].append((_id(partner), name, word, code))
    return out


def _partner_word(types: set[Any]) -> str:
    """The most specific partner type among a node's (asserted and inferred) classes."""
    generic = {ORG.Organization, CYP.Body}
    for allow_generic in (False, True):
        for word, (_, cls) in PARTNER_TYPES.items():
            if cls in types and (allow_generic or cls not in generic):
                return word
    return ""


def _python(term: Any) -> Any:
    """A literal's Python value (a date, a Decimal); any other term as it is."""
    return term.toPython() if isinstance(term, Literal) else term


def _id(term: Any) -> str:
    return local_id(str(term)) if term is not None else ""


def _year(term: Any) -> Any:
    return (
        int(str(term))
        if term is not None and re.fullmatch(r"\d{4}", str(term))
        else ("" if term is None else str(term))
    )


def _num(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def export_plan(store: Store, plan_id: str, path: Path) -> Path:
    """`cypkg export PLAN plan.xlsx`: the plan as a workbook that imports back to the same graph."""
    return write_workbook(path, export_rows(store, plan_id))
