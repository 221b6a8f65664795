"""A single-page HTML handbook of the cypkg ontology, generated from ontology/*.ttl.

The page follows the banner sections of ontology/cypkg.ttl (plans and strategies, partners and
boards, ...) so it reads in the same order as the source, and gives every term an anchor
(`#Plan`) that other pages and issues can link to. It has no external assets.

Why not pyLODE (checked for #11): its releases since 3.4.2 need Python 3.12 (cypkg supports 3.11);
3.4.1 as published fails on import (a missing module, and it reads a pyproject.toml its wheel lacks);
3.3.4 renders offline but its OWL profile leaves out 7 of the 73 classes' anchors and most of the
SKOS concepts the code reads (concept schemes need its separate vocabulary profile), so the page
would no longer be complete. This renderer stays until a pyLODE for Python 3.11 covers both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.namespaces import CYP, ONTOLOGY_IRI, SCHEMA, shorten
from kg.ontology.files import ONTOLOGY_DIR, load_ontology

__all__ = ["write_ontology_docs"]

_BANNER = re.compile(r"^#{20,}\s*\n#\s+(?P<title>[^\n]+?)\s*\n#{20,}\s*$", re.MULTILINE)
_SUBJECT = re.compile(r"^cyp:(?P<name>[A-Za-z][A-Za-z0-9]*)\s*$", re.MULTILINE)
_KINDS = (
    ("Classes", (OWL.Class,)),
    ("Object properties", (OWL.ObjectProperty,)),
    ("Datatype and other properties", (OWL.DatatypeProperty, RDF.Property)),
    ("Datatypes", (RDFS.Datatype,)),
    ("Concept schemes", (SKOS.ConceptScheme,)),
    ("Concepts", (SKOS.Concept,)),
)
_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1b1b1b; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #ccc; margin-top: 2.5rem; }
h3 { color: #555; } code { background: #f3f3f3; padding: 0 0.2rem; }
.term { border-left: 4px solid #4a7ab7; padding: 0.3rem 1rem; margin: 1rem 0; background: #fafafa; }
.term h4 { margin: 0.2rem 0; } .iri { color: #666; font-size: 0.85rem; }
dl { display: grid; grid-template-columns: 9rem 1fr; gap: 0.2rem 1rem; margin: 0.4rem 0; }
dt { color: #555; } dd { margin: 0; } nav ul { columns: 2; }
"""


@dataclass
class _Section:
    title: str
    terms: list[URIRef] = field(default_factory=list)


def _sections(source: str) -> list[_Section]:
    """Banner sections of cypkg.ttl in file order, each with the cyp: terms declared under it."""
    banners = list(_BANNER.finditer(source))
    sections = []
    for i, banner in enumerate(banners):
        end = banners[i + 1].start() if i + 1 < len(banners) else len(source)
        names = _SUBJECT.findall(source[banner.end() : end])
        if names:
            sections.append(_Section(banner.group("title"), [CYP[n] for n in names]))
    return sections


def _text(graph: Graph, term: URIRef, predicate: URIRef) -> str:
    values = sorted(graph.objects(term, predicate), key=lambda v: (getattr(v, "language", "") != "en", str(v)))
    return str(values[0]) if values else ""


def _link(term: URIRef) -> str:
    if str(term).startswith(str(CYP)):
        local = str(term).removeprefix(str(CYP))
        return f'<a href="#{escape(local)}"><code>cyp:{escape(local)}</code></a>'
    return f'<a href="{escape(str(term))}"><code>{escape(shorten(term))}</code></a>'


def _links(graph: Graph, term: URIRef, *predicates: URIRef) -> str:
    values = sorted({o for p in predicates for o in graph.objects(term, p) if isinstance(o, URIRef)})
    return ", ".join(_link(v) for v in values)


def _notations(graph: Graph, term: URIRef) -> str:
    """Its notations, each typed one with the input format (datatype) it is a word of."""
    out = []
    for n in sorted(graph.objects(term, SKOS.notation), key=lambda n: (str(getattr(n, "datatype", "") or ""), str(n))):
        datatype = getattr(n, "datatype", None)
        if isinstance(datatype, URIRef) and datatype.startswith(str(CYP)):
            out.append(f"{escape(str(n))} ({_link(datatype)})")
        else:
            out.append(escape(str(n)))
    return ", ".join(out)


def _term_html(graph: Graph, term: URIRef) -> str:
    local = str(term).removeprefix(str(CYP))
    label = _text(graph, term, RDFS.label) or local
    rows = [
        ("Definition", escape(_text(graph, term, SKOS.definition) or _text(graph, term, RDFS.comment))),
        ("Scope note", escape(_text(graph, term, SKOS.scopeNote))),
        ("Subclass of", _links(graph, term, RDFS.subClassOf)),
        ("Subproperty of", _links(graph, term, RDFS.subPropertyOf)),
        ("Inverse of", _links(graph, term, OWL.inverseOf)),
        ("Domain", _links(graph, term, RDFS.domain, SCHEMA.domainIncludes)),
        ("Range", _links(graph, term, RDFS.range, SCHEMA.rangeIncludes)),
        ("In scheme", _links(graph, term, SKOS.inScheme)),
        ("Notation", _notations(graph, term)),
    ]
    if (term, RDF.type, OWL.SymmetricProperty) in graph:
        rows.append(("Characteristics", "symmetric"))
    body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows if value)
    return (
        f'<div class="term" id="{escape(local)}"><h4>{escape(label)}</h4>'
        f'<div class="iri"><code>cyp:{escape(local)}</code> · {escape(str(term))}</div>'
        f"<dl>{body}</dl></div>"
    )


def _kind_of(graph: Graph, term: URIRef) -> str:
    types = set(graph.objects(term, RDF.type))
    for heading, classes in _KINDS:
        if types & set(classes):
            return heading
    return "Other terms"


def _section_html(graph: Graph, section: _Section, anchor: str) -> str:
    parts = [f'<h2 id="{escape(anchor)}">{escape(section.title)}</h2>']
    order = [heading for heading, _ in _KINDS] + ["Other terms"]
    grouped: dict[str, list[URIRef]] = {}
    for term in section.terms:
        grouped.setdefault(_kind_of(graph, term), []).append(term)
    for heading in order:
        if heading in grouped:
            parts.append(f"<h3>{escape(heading)}</h3>")
            parts.extend(_term_html(graph, t) for t in grouped[heading])
    return "\n".join(parts)


def render_ontology_docs() -> str:
    """The handbook page as an HTML string."""
    graph = load_ontology()
    source = (ONTOLOGY_DIR / "cypkg.ttl").read_text(encoding="utf-8")
    sections = _sections(source)
    placed = {t for s in sections for t in s.terms}
    others = sorted({s for s in graph.subjects(RDFS.isDefinedBy, ONTOLOGY_IRI) if isinstance(s, URIRef)} - placed)
    if others:
        sections.append(_Section("Terms declared in other ontology files", others))
    title = _text(graph, ONTOLOGY_IRI, DCTERMS.title) or "cypkg ontology"
    version_iri = graph.value(ONTOLOGY_IRI, OWL.versionIRI)
    header = [
        ("Ontology IRI", escape(str(ONTOLOGY_IRI))),
        ("Version", escape(f"{_text(graph, ONTOLOGY_IRI, OWL.versionInfo)} ({version_iri})")),
        ("Preferred prefix", f"<code>cyp:</code> = {escape(str(CYP))}"),
        ("Licence", _links(graph, ONTOLOGY_IRI, DCTERMS.license)),
        ("Modified", escape(_text(graph, ONTOLOGY_IRI, DCTERMS.modified))),
    ]
    anchors = [f"section-{i + 1}" for i in range(len(sections))]
    toc = "".join(
        f'<li><a href="#{a}">{escape(s.title)}</a> ({len(s.terms)})</li>'
        for a, s in zip(anchors, sections, strict=True)
    )
    body = "\n".join(_section_html(graph, s, a) for a, s in zip(anchors, sections, strict=True))
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in header)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(_text(graph, ONTOLOGY_IRI, DCTERMS.description))}</p>"
        f"<dl>{meta}</dl><nav><h2>Contents</h2><ul>{toc}</ul></nav>\n{body}\n</body></html>\n"
    )


def write_ontology_docs(out: Path) -> Path:
    """Write the handbook page to `out` (a file, or a folder to hold ontology.html); returns the file."""
    target = out / "ontology.html" if out.is_dir() else out
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_ontology_docs(), encoding="utf-8")
    return target
