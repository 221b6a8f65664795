"""The write gate checks against the store (#12 item 7): verdicts do not depend on the order of loading.

A write the gate accepts leaves whole-store validation clean, whatever was loaded before; a write
that would make the store inconsistent is refused, naming the graph it disagrees with, and leaves
the store byte-identical. The documents are the five seeds, the (fictional) example, and two
fictional fixtures that give one plan two display titles (tests/validation/fixtures/conflict/).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from kg.errors import ReadOnlyGraph, ValidationFailed
from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.validation.gate import check_data, drop, read_rdf_file, write_graph

REPO = Path(__file__).resolve().parents[2]
CONFLICT = REPO / "tests" / "validation" / "fixtures" / "conflict"
DOCUMENTS = [
    *sorted((REPO / "data" / "seeds").glob("*.ttl")),
    REPO / "data" / "examples" / "example-cypp.ttl",
    *sorted(CONFLICT.glob("*.ttl")),
]
PAIR = {p.stem for p in CONFLICT.glob("*.ttl")}


def reference_store() -> OxigraphStore:
    """The ontology and the reference data (not the bulk observations), as `cypkg load` builds them; no documents."""
    reference = [
        s
        for s in data_sources(REPO / "data")
        if s.graph == "ontology" or (s.path.parent.name in ("reference", "indicators") and ".nt" not in s.path.name)
    ]
    store = OxigraphStore()
    build_store(store, reference)
    return store


def sha256(store: OxigraphStore) -> str:
    out = io.BytesIO()
    store.dump(out, "nquads")
    return hashlib.sha256(out.getvalue()).hexdigest()


def load_in_order(order: list[Path]) -> tuple[OxigraphStore, dict[str, str]]:
    """Write each document through the gate in turn; the verdict for each is `accepted` or the refusal."""
    store = reference_store()
    verdicts = {}
    for path in order:
        before = sha256(store)
        try:
            write_graph(store, path.stem, read_rdf_file(path, path.stem), mode="replace")
            verdicts[path.stem] = "accepted"
        except ValidationFailed as exc:
            assert sha256(store) == before, f"a refused write of {path.stem} changed the store"
            verdicts[path.stem] = exc.message
    return store, verdicts


@pytest.mark.parametrize("order", [DOCUMENTS, DOCUMENTS[::-1]], ids=["seeds-first", "fixtures-first"])
def test_loading_order_does_not_change_any_verdict_and_the_store_stays_valid(order: list[Path]):
    from kg.validation.whole_store import validate_store

    store, verdicts = load_in_order(order)
    first, second = [p.stem for p in order if p.stem in PAIR]
    assert {k: v for k, v in verdicts.items() if k not in PAIR} == {
        p.stem: "accepted" for p in DOCUMENTS if p.stem not in PAIR
    }
    assert verdicts[first] == "accepted"
    assert f"graph {second} refused" in verdicts[second]
    assert f"what graph(s) {first} say" in verdicts[second]
    assert validate_store(store).counts()["Violation"] == 0


def test_a_conflict_names_the_focus_node_and_the_other_graph():
    first, second = sorted(CONFLICT.glob("*.ttl"))
    store = reference_store()
    write_graph(store, first.stem, read_rdf_file(first, first.stem), mode="replace")
    with pytest.raises(ValidationFailed) as refused:
        write_graph(store, second.stem, read_rdf_file(second, second.stem), mode="replace")
    assert refused.value.conflicts == {"https://w3id.org/cypkg/id/plan/fenmarsh-cypp-2021-2024": [first.stem]}
    violations = [r for r in refused.value.report.results if r.severity == "Violation"]
    assert [str(r.result_path) for r in violations] == ["http://purl.org/dc/terms/title"]


def test_validating_data_sees_what_other_graphs_say_about_its_nodes():
    first, second = sorted(CONFLICT.glob("*.ttl"))
    store = reference_store()
    assert check_data(store, read_rdf_file(second)).conforms
    write_graph(store, first.stem, read_rdf_file(first, first.stem), mode="replace")
    assert not check_data(store, read_rdf_file(second)).conforms


def test_dropping_a_graph_that_another_graph_links_into_is_refused_naming_it():
    store = reference_store()
    derby = REPO / "data" / "seeds" / "derby-2006-02-21-cabinet.ttl"
    write_graph(store, derby.stem, read_rdf_file(derby, derby.stem), mode="replace")
    before = sha256(store)
    with pytest.raises(ValidationFailed) as refused:
        drop(store, "ecm-outcomes")
    assert "derby-2006-02-21-cabinet" in refused.value.message
    assert sha256(store) == before


def test_no_write_path_changes_the_ontology_graph():
    store = reference_store()
    before = sha256(store)
    with pytest.raises(ReadOnlyGraph):
        write_graph(store, "ontology", read_rdf_file(DOCUMENTS[0]), mode="replace")
    with pytest.raises(ReadOnlyGraph):
        drop(store, "ontology")
    assert sha256(store) == before
