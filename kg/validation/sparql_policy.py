"""What SPARQL from outside may do: which endpoints it may call, and which graphs an update writes.

The service runs queries and updates that other systems send it, so before oxigraph sees them it
reads them just well enough to decide two things:

* **Federation.** `SERVICE <…>` in a query or update and `LOAD <…>` in an update make the server
  itself fetch a URL. They are refused unless the endpoint's IRI starts with one of the allowed
  prefixes (`CYPKG_FEDERATION_ALLOW`, empty by default: no server-side requests at all).
* **Write targets.** An update may only change document graphs named in its text, so the gate can
  check exactly those graphs and copy only them (`kg.validation.updates`). A template that writes to
  a variable graph (`GRAPH ?g { … }`) or to the default graph without `WITH`, and `CLEAR/DROP ALL`,
  are refused: what they change cannot be known before running them.

The lexer follows SPARQL's terminals (IRIs, prefixed names, variables, blank nodes, the four string
forms, comments), so braces and keywords inside strings, IRIs or comments never count. Oxigraph
does not unescape `\\u` codepoints outside strings and IRIs, so a keyword cannot hide behind one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from kg.errors import QueryError
from kg.namespaces import PREFIXES

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040-"
_LOCAL_ESC = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL_FIRST = rf"(?:[{_PN_CHARS}:]|{_LOCAL_ESC})"
_LOCAL_MID = rf"(?:[{_PN_CHARS}.:]|{_LOCAL_ESC})"
_PREFIX = rf"(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?"
_TOKEN = re.compile(
    rf"""
    (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<bnode>_:[{_PN_CHARS}.]+)
  | (?P<pname>{_PREFIX}:(?:{_LOCAL_FIRST}(?:{_LOCAL_MID}*{_LOCAL_FIRST})?)?)
  | (?P<var>[?$][{_PN_CHARS}]+)
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{{}}()\[\].;,*/+\-!=<>|^?])
    """,
    re.VERBOSE,
)
_STRING_START = re.compile(r"'''|\"\"\"|'|\"")
_PN_LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")
UPDATE_VERBS = {"LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "INSERT", "DELETE", "WITH"}


@dataclass(frozen=True)
class Token:
    """One terminal of a query or update: its kind, its text, where it starts and its brace depth."""

    kind: str
    text: str
    start: int
    depth: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def lex(text: str) -> list[Token]:
    """The terminals of SPARQL text; comments and whitespace are skipped, strings are one token each."""
    out: list[Token] = []
    depth = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if ch in "'\"":
            end = _string_end(text, i)
            out.append(Token("string", text[i:end], i, depth))
            i = end
            continue
        m = _TOKEN.match(text, i)
        if m is None:
            raise QueryError(
                f"SPARQL syntax error: unexpected character {ch!r} at offset {i}", hint="check the text near there"
            )
        kind = m.lastgroup or "punct"
        tok = m.group(0)
        if tok == "}":
            depth -= 1
            if depth < 0:
                raise QueryError("SPARQL syntax error: a '}' closes nothing", hint="check the braces")
        out.append(Token(kind, tok, i, depth))
        if tok == "{":
            depth += 1
        i = m.end()
    return out


def _string_end(text: str, i: int) -> int:
    """The index just after the string literal that starts at `i` (escapes honoured)."""
    quote = _STRING_START.match(text, i).group(0)  # type: ignore[union-attr]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(quote, j):
            return j + len(quote)
        if len(quote) == 1 and text[j] in "\r\n":
            break
        j += 1
    raise QueryError("SPARQL syntax error: a string is not closed", hint="close the string's quotes")


MAX_NESTING = 64
"""Deepest nesting of braces, parentheses and brackets accepted: deeper text could overflow the parser's stack."""


def check_sparql(text: str, allowed: list[str] | tuple[str, ...] = ()) -> None:
    """Refuse SPARQL from outside that nests too deep, or would make the server fetch a URL not allowed."""
    depth = deepest = 0
    for tok in lex(text):
        if tok.text in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif tok.text in ("}", ")", "]"):
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(
            f"the SPARQL nests {deepest} levels deep; this service reads at most {MAX_NESTING}",
            hint="flatten the query: fewer nested groups, sub-selects and parentheses",
        )
    check_federation(text, allowed)


# --- federation -----------------------------------------------------------------------------------


def check_federation(text: str, allowed: list[str] | tuple[str, ...] = ()) -> None:
    """Refuse `SERVICE` and `LOAD` unless their endpoint IRI starts with an allowed prefix."""
    tokens = lex(text)
    prefixes = _declared(tokens)
    for k, tok in enumerate(tokens):
        if tok.keyword not in ("SERVICE", "LOAD"):
            continue
        target = tokens[k + 1] if k + 1 < len(tokens) else None
        if target is not None and target.keyword == "SILENT":
            target = tokens[k + 2] if k + 2 < len(tokens) else None
        iri = _iri_of(target, prefixes) if target is not None and target.kind in ("iri", "pname") else None
        if iri is not None and any(iri.startswith(prefix) for prefix in allowed if prefix):
            continue
        what = f"<{iri}>" if iri else "an endpoint given by a variable"
        if not allowed:
            raise QueryError(
                f"{tok.keyword} is turned off on this service: it would make the server fetch {what}",
                hint="query this service's own data; an administrator can allow named endpoints "
                "with CYPKG_FEDERATION_ALLOW",
            )
        raise QueryError(
            f"{tok.keyword} to {what} is not allowed: it is not under an endpoint in CYPKG_FEDERATION_ALLOW",
            hint=f"use one of the allowed endpoints ({', '.join(allowed)}), written as a full IRI",
        )


# --- updates ---------------------------------------------------------------------------------------


@dataclass
class Operation:
    """One operation of an update: its verb, its text, the graphs it writes and reads, its WHERE."""

    verb: str
    text: str
    prologue: str = ""
    """The BASE and PREFIX declarations in force for this operation."""
    writes: list[str] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)
    where: str | None = None
    using: list[str] = field(default_factory=list)
    using_named: list[str] = field(default_factory=list)
    with_graph: str | None = None
    templates: list[str] = field(default_factory=list)
    """`DELETE { … }` and `INSERT { … }` clauses as written (DELETE WHERE: a DELETE clause of its pattern)."""


@dataclass
class UpdatePlan:
    """An update read: its operations in order."""

    operations: list[Operation]

    @property
    def writes(self) -> list[str]:
        return sorted({g for op in self.operations for g in op.writes})

    @property
    def reads(self) -> list[str]:
        return sorted({g for op in self.operations for g in op.reads} - set(self.writes))


def plan_update(text: str) -> UpdatePlan:
    """The operations of an update and the graphs each writes, or a QueryError saying what is not allowed."""
    tokens = lex(text)
    prefixes = dict(PREFIXES)
    base: str | None = None
    prologue: list[str] = []
    operations: list[Operation] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.keyword == "PREFIX":
            if k + 2 >= len(tokens) or tokens[k + 1].kind != "pname" or tokens[k + 2].kind != "iri":
                raise QueryError("SPARQL syntax error: PREFIX needs a name and an IRI", hint="write PREFIX p: <iri>")
            iri = _resolve(tokens[k + 2].text[1:-1], base)
            prefixes[tokens[k + 1].text.rstrip(":")] = iri
            prologue.append(f"PREFIX {tokens[k + 1].text} <{iri}>")
            k += 3
            continue
        if tok.keyword == "BASE":
            if k + 1 >= len(tokens) or tokens[k + 1].kind != "iri":
                raise QueryError("SPARQL syntax error: BASE needs an IRI", hint="write BASE <iri>")
            base = _resolve(tokens[k + 1].text[1:-1], base)
            prologue.append(f"BASE <{base}>")
            k += 2
            continue
        if tok.text == ";" and tok.depth == 0:
            k += 1
            continue
        if tok.keyword not in UPDATE_VERBS:
            raise QueryError(
                f"SPARQL syntax error: expected an update operation, found {tok.text!r}",
                hint="an update is INSERT DATA, DELETE DATA, DELETE/INSERT … WHERE, DROP GRAPH, …",
            )
        end = k
        while end < len(tokens) and not (tokens[end].text == ";" and tokens[end].depth == 0):
            end += 1
        operations.append(_operation(text, tokens[k:end], prefixes, base))
        operations[-1].prologue = " ".join(prologue)
        k = end
    if not operations:
        raise QueryError("the update has no operation", hint="send e.g. INSERT DATA { GRAPH <…> { … } }")
    return UpdatePlan(operations)


def _operation(text: str, toks: list[Token], prefixes: dict[str, str], base: str | None) -> Operation:
    verb = toks[0].keyword
    op_text = text[toks[0].start : _end_of(text, toks[-1])]
    op = Operation(verb=verb, text=op_text)
    rest = toks[1:]
    if rest and rest[0].keyword == "SILENT":
        rest = rest[1:]
    if verb == "LOAD":
        op.reads.append(_graph_ref(rest[:1], prefixes, base, "LOAD"))
        if len(rest) > 1:
            if rest[1].keyword != "INTO" or len(rest) < 4 or rest[2].keyword != "GRAPH":
                raise QueryError("SPARQL syntax error: LOAD <iri> INTO GRAPH <iri>", hint="name the target graph")
            op.writes.append(_graph_ref(rest[3:4], prefixes, base, "LOAD … INTO GRAPH"))
        else:
            _refuse_default("LOAD without INTO GRAPH")
    elif verb in ("CLEAR", "DROP", "CREATE"):
        if rest and rest[0].keyword in ("DEFAULT", "NAMED", "ALL"):
            raise QueryError(
                f"{verb} {rest[0].keyword} would change graphs this service derives or loads itself",
                hint=f"{verb} one document graph: {verb} GRAPH <https://w3id.org/cypkg/graph/NAME>",
            )
        if not rest or rest[0].keyword != "GRAPH":
            raise QueryError(f"SPARQL syntax error: {verb} GRAPH <iri>", hint="name the graph")
        op.writes.append(_graph_ref(rest[1:2], prefixes, base, f"{verb} GRAPH"))
    elif verb in ("ADD", "MOVE", "COPY"):
        at = next((i for i, t in enumerate(rest) if t.keyword == "TO"), None)
        if at is None:
            raise QueryError(f"SPARQL syntax error: {verb} <from> TO <to>", hint="name both graphs")
        source, target = _graph_or_default(rest[:at], prefixes, base), _graph_or_default(rest[at + 1 :], prefixes, base)
        op.writes.append(target)
        (op.writes if verb == "MOVE" else op.reads).append(source)
    else:
        _modify(text, toks, op, prefixes, base)
    return op


def _modify(text: str, toks: list[Token], op: Operation, prefixes: dict[str, str], base: str | None) -> None:
    """INSERT DATA, DELETE DATA, DELETE WHERE and DELETE/INSERT … WHERE: templates, dataset, WHERE."""
    k = 0
    if toks[0].keyword == "WITH":
        op.with_graph = _graph_ref(toks[1:2], prefixes, base, "WITH")
        k = 2
    verb = toks[k].keyword
    nxt = toks[k + 1].keyword if k + 1 < len(toks) else ""
    if verb in ("INSERT", "DELETE") and nxt in ("DATA", "WHERE"):
        if op.with_graph is not None:
            raise QueryError(f"SPARQL syntax error: WITH cannot precede {verb} {nxt}", hint="remove WITH")
        group, after = _group(toks, k + 2)
        op.verb = f"{verb} {nxt}"
        op.writes.extend(_template_graphs(group, prefixes, base, None))
        body = _text_of(text, group)
        if nxt == "WHERE":
            op.where = body
            op.templates.append(f"DELETE {body}")
        _nothing_after(toks, after, op.verb)
        return
    op.verb = "MODIFY"
    while k < len(toks) and toks[k].keyword in ("DELETE", "INSERT"):
        group, k = _group(toks, k + 1)
        op.writes.extend(_template_graphs(group, prefixes, base, op.with_graph))
        op.templates.append(f"{toks[k - len(group) - 1].keyword} {_text_of(text, group)}")
    while k < len(toks) and toks[k].keyword == "USING":
        if k + 1 < len(toks) and toks[k + 1].keyword == "NAMED":
            op.using_named.append(_graph_ref(toks[k + 2 : k + 3], prefixes, base, "USING NAMED"))
            k += 3
        else:
            op.using.append(_graph_ref(toks[k + 1 : k + 2], prefixes, base, "USING"))
            k += 2
    if k >= len(toks) or toks[k].keyword != "WHERE":
        raise QueryError("SPARQL syntax error: DELETE/INSERT needs a WHERE clause", hint="add WHERE { … }")
    group, after = _group(toks, k + 1)
    op.where = _text_of(text, group)
    _nothing_after(toks, after, "WHERE { … }")
    if not op.templates:
        raise QueryError("SPARQL syntax error: expected DELETE { … } or INSERT { … }", hint="check the update")


def _group(toks: list[Token], k: int) -> tuple[list[Token], int]:
    """The tokens of the `{ … }` group starting at k (braces included), and the index after it."""
    if k >= len(toks) or toks[k].text != "{":
        found = toks[k].text if k < len(toks) else "the end"
        raise QueryError(f"SPARQL syntax error: expected '{{', found {found!r}", hint="check the update's braces")
    depth = toks[k].depth
    for end in range(k + 1, len(toks)):
        if toks[end].text == "}" and toks[end].depth == depth:
            return toks[k : end + 1], end + 1
    raise QueryError("SPARQL syntax error: a '{' is not closed", hint="check the update's braces")


def _template_graphs(
    group: list[Token], prefixes: dict[str, str], base: str | None, with_graph: str | None
) -> list[str]:
    """The graphs a template (or DATA block) writes; refuses variable graphs and the default graph."""
    inner = group[0].depth + 1
    graphs: list[str] = []
    default_triples = False
    k = 1
    while k < len(group) - 1:
        tok = group[k]
        if tok.depth == inner and tok.keyword == "GRAPH":
            target = group[k + 1] if k + 1 < len(group) else None
            if target is None or target.kind == "var":
                raise QueryError(
                    "this update writes to a graph named by a variable (GRAPH ?g { … }), which cannot be checked "
                    "before it runs",
                    hint="name each graph the update writes: GRAPH <https://w3id.org/cypkg/graph/NAME> { … }",
                )
            graphs.append(_graph_ref([target], prefixes, base, "GRAPH"))
            k += 2
            continue
        if tok.depth == inner and tok.text not in (".", "{", "}"):
            default_triples = True
        k += 1
    if default_triples:
        if with_graph is None:
            _refuse_default("triples outside GRAPH { … }")
        graphs.append(with_graph)  # type: ignore[arg-type]
    return graphs


def _graph_or_default(toks: list[Token], prefixes: dict[str, str], base: str | None) -> str:
    if toks and toks[0].keyword == "DEFAULT":
        _refuse_default("DEFAULT")
    if toks and toks[0].keyword == "GRAPH":
        toks = toks[1:]
    return _graph_ref(toks[:1], prefixes, base, "GRAPH")


def _graph_ref(toks: list[Token], prefixes: dict[str, str], base: str | None, where: str) -> str:
    iri = _iri_of(toks[0], prefixes, base) if toks and toks[0].kind in ("iri", "pname") else None
    if iri is None:
        raise QueryError(f"SPARQL syntax error: {where} needs a graph IRI", hint="write the graph as <iri>")
    return iri


def _refuse_default(what: str) -> None:
    raise QueryError(
        f"this update writes to the default graph ({what}), which updates may not touch",
        hint="write inside GRAPH <https://w3id.org/cypkg/graph/NAME> { … } for a document graph",
    )


def _nothing_after(toks: list[Token], k: int, what: str) -> None:
    if k < len(toks):
        raise QueryError(
            f"SPARQL syntax error: unexpected {toks[k].text!r} after {what}", hint="separate operations with ';'"
        )


def _text_of(text: str, group: list[Token]) -> str:
    return text[group[0].start : group[-1].start + 1]


def _end_of(text: str, tok: Token) -> int:
    return tok.start + len(tok.text)


def _declared(tokens: list[Token]) -> dict[str, str]:
    prefixes = dict(PREFIXES)
    for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if a.keyword == "PREFIX" and b.kind == "pname" and c.kind == "iri":
            prefixes[b.text.rstrip(":")] = c.text[1:-1]
    return prefixes


def _iri_of(tok: Token, prefixes: dict[str, str], base: str | None = None) -> str | None:
    """An IRI token's IRI (resolved against BASE), or a prefixed name expanded; None if the prefix is unknown."""
    if tok.kind == "iri":
        return _resolve(tok.text[1:-1], base)
    prefix, _, local = tok.text.partition(":")
    if prefix not in prefixes:
        raise QueryError(f"the prefix {prefix}: is not declared", hint=f"add PREFIX {prefix}: <…> before the update")
    return prefixes[prefix] + _PN_LOCAL_ESCAPE.sub(r"\1", local)


def _resolve(iri: str, base: str | None) -> str:
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
        return iri
    if base is None:
        raise QueryError(f"the IRI <{iri}> is relative and no BASE is declared", hint="write the IRI in full")
    return urljoin(base, iri)
