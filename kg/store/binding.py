"""Binding values into queries: the one way cypkg puts a value into query text.

Reading SPARQL text just well enough to bind values into it safely, for endpoints without bindings.

A remote endpoint has no initial-bindings API, so values are bound by a generated `VALUES` block put
at the start of the query's outermost WHERE group. Finding that group means skipping what is not
syntax: comments, strings (all four quote styles) and IRIs, any of which may contain braces or the
word "where". Values are written as N-Triples terms by oxigraph, so they are escaped, never pasted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode

from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.store.terms import to_oxigraph

FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[?$]?[A-Za-z_][\w\-.:]*")
_STRING_START = re.compile(r"'''|\"\"\"|'|\"")


@dataclass(frozen=True)
class Token:
    """A piece of query text outside comments, strings and IRIs, with its brace depth."""

    text: str
    start: int
    depth: int


def tokens(query: str) -> list[Token]:
    """Words and braces of a query, skipping comments, strings and IRIs."""
    out: list[Token] = []
    depth = 0
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "'\"":
            i = _skip_string(query, i)
        elif ch == "<" and (m := _IRI.match(query, i)):
            i = m.end()
        elif ch == "{":
            out.append(Token("{", i, depth))
            depth += 1
            i += 1
        elif ch == "}":
            depth -= 1
            out.append(Token("}", i, depth))
            i += 1
        elif m := _WORD.match(query, i):
            out.append(Token(m.group(0), i, depth))
            i = m.end()
        else:
            i += 1
    return out


def _skip_string(query: str, i: int) -> int:
    """The index just after the string literal that starts at `i` (escapes honoured)."""
    quote = _STRING_START.match(query, i).group(0)  # type: ignore[union-attr]
    j = i + len(quote)
    while j < len(query):
        if query[j] == "\\":
            j += 2
            continue
        if query.startswith(quote, j):
            return j + len(quote)
        if len(quote) == 1 and query[j] == "\n":
            break
        j += 1
    raise QueryError("SPARQL syntax error: unterminated string", hint="close the string's quotes")


def query_form(query: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first form keyword outside strings and comments."""
    for tok in tokens(query):
        if tok.depth == 0 and tok.text.upper() in FORMS:
            return tok.text.upper()
    raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, ASK or DESCRIBE", hint="check the query text")


def selects_distinct(query: str) -> bool:
    """Whether the query is a SELECT DISTINCT (its outermost SELECT, not a sub-select's)."""
    toks = tokens(query)
    for k, tok in enumerate(toks):
        if tok.depth == 0 and tok.text.upper() in FORMS:
            return tok.text.upper() == "SELECT" and k + 1 < len(toks) and toks[k + 1].text.upper() == "DISTINCT"
    return False


def declared_prefixes(query: str) -> set[str]:
    """The prefixes a query declares itself (so defaults are not declared twice)."""
    toks = tokens(query)
    return {
        nxt.text.rstrip(":")
        for tok, nxt in zip(toks, toks[1:], strict=False)
        if tok.text.upper() == "PREFIX" and nxt.text.endswith(":")
    }


def _variable(name: str) -> str:
    """`?name`, once `name` is checked to be a variable name (never text that could end the block)."""
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryError(f"{name!r} is not a variable name", hint="bind variables by name, without '?'")
    return f"?{name}"


def _term(name: str, term: Any) -> str:
    """A value (rdflib or pyoxigraph term) as an N-Triples term written by oxigraph, so it is escaped."""
    if isinstance(term, BNode | ox.BlankNode):
        raise QueryError(f"?{name} is bound to a blank node", hint="bind an IRI or a literal")
    return str(term if isinstance(term, ox.NamedNode | ox.Literal) else to_oxigraph(term))


def values_block(bindings: Mapping[str, Any]) -> str:
    """One VALUES row binding each variable to its term (rdflib or pyoxigraph), as N-Triples terms."""
    names = [_variable(name) for name in bindings]
    terms = [_term(name, term) for name, term in bindings.items()]
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def rows_block(name: str, terms: Iterable[Any]) -> str:
    """A VALUES block giving one variable each of `terms` in turn (one row each), as N-Triples terms."""
    variable = _variable(name)
    return f"VALUES {variable} {{ {' '.join(_term(name, term) for term in terms)} }}"


def table_block(names: Sequence[str], rows: Iterable[Sequence[Any | None]]) -> str:
    """A VALUES block of several variables and rows, as N-Triples terms; None in a row is UNDEF (unbound)."""
    variables = [_variable(name) for name in names]
    cells = (
        "("
        + " ".join("UNDEF" if term is None else _term(name, term) for name, term in zip(names, row, strict=True))
        + ")"
        for row in rows
    )
    return f"VALUES ({' '.join(variables)}) {{ {' '.join(cells)} }}"


def bind_values(query: str, bindings: Mapping[str, Any] | None) -> str:
    """The query with a VALUES block binding `bindings`, first thing in its outermost WHERE group.

    The short form `CONSTRUCT WHERE { … }` may hold only triples, so there the block goes after the
    query as a trailing VALUES clause instead.
    """
    if not bindings:
        return query
    return _with_block(query, values_block(bindings))


def bind_rows(query: str, name: str, terms: Iterable[Any]) -> str:
    """The query asked for each of `terms` as `?name` at once: a many-row VALUES block, placed as in `bind_values`."""
    return _with_block(query, rows_block(name, terms))


def _with_block(query: str, block: str) -> str:
    at = values_position(query)
    if at is None:
        return f"{query}\n{block}"
    return f"{query[:at]} {block} {query[at:]}"


@lru_cache(maxsize=1024)
def values_position(query: str) -> int | None:
    """Where a VALUES block goes in this query text (None: after it); named queries are read once."""
    toks = tokens(query)
    form_at = next((k for k, t in enumerate(toks) if t.depth == 0 and t.text.upper() in FORMS), None)
    if form_at is None:
        raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, ASK or DESCRIBE", hint="check the query text")
    top_groups = [t for t in toks[form_at:] if t.depth == 0 and t.text == "{"]
    form = toks[form_at].text.upper()
    after_form = toks[form_at + 1].text.upper() if form_at + 1 < len(toks) else ""
    if form == "CONSTRUCT" and after_form == "WHERE":
        return None
    where_at = 1 if form == "CONSTRUCT" else 0
    if len(top_groups) <= where_at:
        raise QueryError("the query has no WHERE group to bind values in", hint="check the query's braces")
    return top_groups[where_at].start + 1


def query_bound(
    store: ox.Store,
    query: str,
    bindings: dict[str, Any],
    *,
    default_graph: Iterable[str] = (),
    named_graphs: Iterable[str] = (),
) -> Any:
    """Run a query on a pyoxigraph store with oxigraph terms bound as OxigraphStore._query explains.

    The dataset is the union of all graphs unless `default_graph` names some. The API's query
    workers call this too, so a named query means and costs the same there.
    """
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    defaults = [ox.NamedNode(g) for g in default_graph]
    if defaults:
        kwargs["default_graph"] = defaults
    else:
        kwargs["use_default_graph_as_union"] = True
    named = [ox.NamedNode(g) for g in named_graphs]
    if named:
        kwargs["named_graphs"] = named
    text = bind_values(query, bindings)
    substitutions = {ox.Variable(k): v for k, v in bindings.items()}
    while True:
        try:
            return store.query(text, substitutions=substitutions, **kwargs)
        except SyntaxError as exc:
            raise query_syntax_error(exc, text) from exc
        except RuntimeError as exc:
            unprojected = _unprojected_variable(exc, substitutions)
            if unprojected is None:
                raise
            del substitutions[unprojected]


def _unprojected_variable(exc: RuntimeError, substitutions: dict[ox.Variable, Any]) -> ox.Variable | None:
    """The substituted variable oxigraph refused because the SELECT does not project it, if that was the error."""
    message = str(exc)
    if "SELECT projection" not in message:
        return None
    return next((v for v in substitutions if f"{v} " in f"{message} "), None)


def query_syntax_error(exc: SyntaxError, query: str | None = None) -> QueryError:
    """A SPARQL syntax error with its line and column, as the CLI and API report it.

    Given the query text, the message quotes the line with a caret under the place, names an
    undeclared prefix, and leaves out the parser's lists of Unicode ranges, which no reader needs.
    """
    text = str(exc.args[0]) if exc.args else str(exc)
    m = re.search(r"at (\d+):(\d+)", text)
    line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    hint = "check the query near that line and column"
    lines = query.splitlines() if query is not None else []
    if line is None or col is None or not 0 < line <= len(lines):
        return QueryError(f"SPARQL syntax error: {text}", line=line, column=col, hint=hint)
    source = lines[line - 1]
    before = source[: col - 1] if col - 1 <= len(source) else source
    prefixed = re.search(r"([A-Za-z][\w.-]*)?:[^\s{}()<>;,]*$", before)
    if "Prefix not found" in text and prefixed:
        name = prefixed.group(1) or ""
        start = prefixed.start() + 1
        return QueryError(
            f"unknown prefix `{name}:` in `{prefixed.group(0)}` at line {line}, column {start}",
            line=line,
            column=start,
            hint=f"declare it with `PREFIX {name}: <…>`, or use a predeclared prefix: "
            + ", ".join(f"{p}:" for p in sorted(PREFIXES)),
        )
    if prefixed and "/" in prefixed.group(0) and "\\/" not in prefixed.group(0):
        written = prefixed.group(0) + re.match(r"[^\s{}()<>;,]*", source[len(before) :]).group(0)  # type: ignore[union-attr]
        escaped = written.replace("/", "\\/")
        return QueryError(
            f"SPARQL syntax error at line {line}: a prefixed name cannot contain an unescaped `/`: `{written}`",
            line=line,
            column=prefixed.start() + 1,
            hint=f"write `{escaped}`, or the full IRI in <…>",
        )
    expected = re.search(r"expected (?:one of )?(.*)", text)
    wanted = ""
    if expected and "'\\u{" not in expected.group(1) and len(expected.group(1)) < 120:
        wanted = f": expected {expected.group(1)}"
    pointer = f"\n  {source}\n  {' ' * (len(before))}^"
    return QueryError(
        f"SPARQL syntax error at line {line}, column {col}{wanted}{pointer}", line=line, column=col, hint=hint
    )
