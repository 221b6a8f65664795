"""Indicator series: one step from (indicator, area) to its observations, derived at load, kept up to date."""

from __future__ import annotations

import gzip
import statistics
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import ParseError
from kg.namespaces import CYP, ID
from kg.ontology.files import ONTOLOGY_GRAPH, ontology_files
from kg.queries import run
from kg.store.build import data_sources
from kg.store.embedded import OxigraphStore
from kg.store.rdf_io import RdfSource
from kg.store.series import SERIES_GRAPH, series_iri

ROOT = Path(__file__).resolve().parents[2]
MEDWAY_LAC = URIRef(series_iri(str(ID["indicator/lait-lac"]), str(ID["authority/medway"])))
XSD = "http://www.w3.org/2001/XMLSchema#"


def _value(term: object) -> Any:
    """A literal's Python value (rows are typed as any RDF term)."""
    assert isinstance(term, Literal)
    return term.toPython()


def _series(store: OxigraphStore) -> set[ox.Quad]:
    return set(store.as_oxigraph().quads_for_pattern(None, None, None, ox.NamedNode(SERIES_GRAPH)))


def _observation_sample(tmp_path: Path, lines: int = 20_000) -> Path:
    """The first lines of the LAIT observations (whole observations: the file is sorted by subject)."""
    with gzip.open(ROOT / "data/indicators/lait-observations.nt.gz", "rb") as handle:
        head = [next(handle) for _ in range(lines)]
    last_subject = head[-1].split(b" ", 1)[0]
    kept = [line for line in head if line.split(b" ", 1)[0] != last_subject]
    path = tmp_path / "lait-observations-sample.nt"
    path.write_bytes(b"".join(kept))
    return path


@pytest.fixture(scope="module")
def sample_sources(tmp_path_factory: pytest.TempPathFactory) -> list[RdfSource]:
    """data/ without the national observation table, plus a sample of it as N-Triples."""
    tmp = tmp_path_factory.mktemp("series")
    sources = [s for s in data_sources() if not s.path.name.endswith(".nt.gz")]
    return [*sources, RdfSource(_observation_sample(tmp), "lait-observations-sample")]


def test_a_series_iri_is_predictable_from_the_indicator_and_area_ids() -> None:
    assert URIRef("https://w3id.org/cypkg/id/series/lait-lac--medway") == MEDWAY_LAC


def test_a_series_links_every_observation_of_its_indicator_and_area(embedded_indicator_store: OxigraphStore) -> None:
    members = embedded_indicator_store.select("SELECT ?o WHERE { ?s qb:observation ?o }", {"s": MEDWAY_LAC})
    direct = embedded_indicator_store.select(
        "SELECT ?o WHERE { ?o cyp:indicator ?i ; cyp:refArea ?a }",
        {"i": ID["indicator/lait-lac"], "a": ID["authority/medway"]},
    )
    assert {r["o"] for r in members} == {r["o"] for r in direct}
    assert len(members) == 10


def test_a_series_summary_gives_the_latest_and_previous_years_with_a_value_and_the_changes(
    embedded_indicator_store: OxigraphStore,
) -> None:
    row = embedded_indicator_store.select(
        "SELECT ?ly ?py ?ey ?change ?overall ?ind ?area WHERE { ?s cyp:latestYear ?ly ; cyp:previousYear ?py ; "
        "cyp:earliestYear ?ey ; cyp:changeSincePrevious ?change ; cyp:changeOverSeries ?overall ; "
        "cyp:seriesIndicator ?ind ; cyp:seriesArea ?area }",
        {"s": MEDWAY_LAC},
    )[0]
    assert (str(row["ly"]), str(row["py"]), str(row["ey"])) == ("2025", "2024", "2016")
    assert (row["ind"], row["area"]) == (ID["indicator/lait-lac"], ID["authority/medway"])
    values = {
        str(r["y"]): _value(r["v"])
        for r in embedded_indicator_store.select(
            "SELECT ?y ?v WHERE { ?s qb:observation ?o . ?o cyp:periodStartYear ?y ; cyp:value ?v }", {"s": MEDWAY_LAC}
        )
    }
    assert _value(row["change"]) == values["2025"] - values["2024"]
    assert _value(row["overall"]) == values["2025"] - values["2016"]


def test_observations_published_as_a_status_are_listed_on_their_series(
    embedded_indicator_store: OxigraphStore,
) -> None:
    rows = embedded_indicator_store.select(
        "SELECT ?o WHERE { ?s cyp:seriesArea ?a ; cyp:statusObservation ?o }", {"a": ID["authority/medway"]}
    )
    assert len(rows) == 51  # indicator_completeness lists 51 for Medway


def test_loading_as_one_stream_gives_the_quads_of_loading_file_by_file(
    sample_sources: list[RdfSource], tmp_path: Path
) -> None:
    on_disk = OxigraphStore(tmp_path / "store")  # one bulk-load stream, inference and series in the same pass
    on_disk.load_sources(sample_sources)
    in_memory = OxigraphStore()  # file by file, inference and series read back from the store
    in_memory.load_sources(sample_sources)
    assert set(on_disk.as_oxigraph()) == set(in_memory.as_oxigraph())
    assert _series(on_disk)


def test_two_statements_on_one_line_are_refused_naming_the_file_as_a_file_by_file_load_would(tmp_path: Path) -> None:
    path = tmp_path / "odd.nt"
    obs, ind, area = ID["observation/odd"], ID["indicator/lait-lac"], ID["authority/medway"]
    path.write_text(f"<{obs}> <{CYP.indicator}> <{ind}> . <{obs}> <{CYP.refArea}> <{area}> .\n", encoding="utf-8")
    for store in (OxigraphStore(tmp_path / "store"), OxigraphStore()):
        with pytest.raises(ParseError) as caught:
            store.load_sources([RdfSource(path, "odd")], infer=False)
        assert caught.value.file == str(path) and caught.value.line == 1


def test_a_syntax_error_in_a_streamed_file_names_the_file_and_line(tmp_path: Path) -> None:
    good = tmp_path / "good.nt"
    good.write_text(f"<{ID['test/a']}> <{CYP.value}> <{ID['test/b']}> .\n", encoding="utf-8")
    bad = tmp_path / "bad.nt"
    bad.write_text(f"<{ID['test/a']}> <{CYP.value}> <{ID['test/b']}> .\n<{ID['test/c']}> <oops .\n", encoding="utf-8")
    store = OxigraphStore(tmp_path / "store")
    with pytest.raises(ParseError) as caught:
        store.load_sources([RdfSource(good, "good"), RdfSource(bad, "bad")])
    assert caught.value.file == str(bad) and caught.value.line == 2
    assert store.count() == 0


def _observation(slug: str, year: str, value: str) -> Graph:
    g = Graph()
    obs = ID[f"observation/{slug}"]
    g.add((obs, CYP.indicator, ID["indicator/lait-lac"]))
    g.add((obs, CYP.refArea, ID["authority/test-council"]))
    g.add((obs, CYP.periodStartYear, Literal(year, datatype=URIRef(XSD + "gYear"))))
    g.add((obs, CYP.value, Literal(value, datatype=URIRef(XSD + "decimal"))))
    return g


def _latest(store: OxigraphStore) -> list[str]:
    series = URIRef(series_iri(str(ID["indicator/lait-lac"]), str(ID["authority/test-council"])))
    return sorted(str(r["y"]) for r in store.select("SELECT ?y WHERE { ?s cyp:latestYear ?y }", {"s": series}))


def test_writing_observations_rebuilds_their_series_in_the_same_write() -> None:
    store = OxigraphStore()
    store.load_sources([RdfSource(p, ONTOLOGY_GRAPH) for p in ontology_files()])
    store.put_graph("test-figures", _observation("a", "2020", "1"))
    assert _latest(store) == ["2020"]
    store.add_to_graph("test-figures", _observation("b", "2021", "2"))
    assert _latest(store) == ["2021"]
    store.drop_graph("test-figures")
    assert _latest(store) == []
    store.update(
        f"INSERT DATA {{ GRAPH <{ID['graph-x']}> {{ {_observation('c', '2019', '3').serialize(format='nt')} }} }}"
    )
    assert _latest(store) == ["2019"]


def test_every_write_changes_the_generation_and_a_read_only_copy_keeps_the_one_it_opened(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    first = store.generation()
    store.put_graph("test-figures", _observation("a", "2020", "1"))
    second = store.generation()
    assert second != first
    store.close()
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    assert reader.generation() == second
    assert reader.generation() == second


def test_a_series_says_it_is_a_slice_of_the_series_key(embedded_indicator_store: OxigraphStore) -> None:
    assert embedded_indicator_store.ask(
        "ASK { ?s a qb:Slice ; qb:sliceStructure cyp:IndicatorAreaSeriesKey }", {"s": MEDWAY_LAC}
    )


def test_a_series_latest_value_is_set_against_the_median_of_its_neighbours_in_each_model(
    embedded_indicator_store: OxigraphStore,
) -> None:
    rows = run(
        embedded_indicator_store,
        "indicator_neighbours",
        {"authority": "medway", "indicator": "lait-lac", "period": "2025", "model": "sn-2025"},
    )
    neighbour_values = sorted(Decimal(str(r["value"])) for r in rows if str(r["role"]) == "neighbour" and "value" in r)
    (found,) = embedded_indicator_store.select(
        "SELECT ?year ?median ?n ?verdict WHERE { ?s cyp:neighbourComparison ?c . ?c cyp:comparisonModel ?m ; "
        "cyp:comparisonYear ?year ; cyp:neighbourMedian ?median ; cyp:neighbourValueCount ?n ; "
        "cyp:comparedWithNeighbourMedian ?verdict }",
        {"s": MEDWAY_LAC, "m": ID["neighbour-model/sn-2025"]},
    )
    assert str(found["year"]) == "2025"
    assert _value(found["median"]) == statistics.median(neighbour_values)
    assert int(_value(found["n"])) == len(neighbour_values) == 10
    # LAC has no polarity in the LAIT dictionary: Medway's 72 is above, not "worse than", the median
    assert found["verdict"] == CYP.AboveNeighbourMedian


def test_the_derived_series_break_no_shape(sample_sources: list[RdfSource]) -> None:
    from kg.validation.whole_store import validate_store

    store = OxigraphStore()
    store.load_sources(sample_sources)
    assert _series(store)
    derived = (str(ID["series/"]), str(ID["neighbour-comparison/"]))
    assert [r for r in validate_store(store).results if str(r.focus_node).startswith(derived)] == []
