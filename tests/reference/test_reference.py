"""The reference Turtle is generated from the copied CSVs and says what the sources say."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.imports.reference import OUT, authorities, generate
from kg.namespaces import CYP, GSS, ID

SCHEMA_END = URIRef("https://schema.org/endDate")


@pytest.fixture(scope="module")
def authorities_graph() -> Graph:
    return Graph().parse(OUT / "authorities.ttl")


@pytest.mark.parametrize("name,text", list(generate()), ids=lambda v: v if v.endswith(".ttl") else "")
def test_committed_reference_file_equals_a_fresh_generation(name: str, text: str) -> None:
    assert (OUT / name).read_text(encoding="utf-8") == text, f"run `python -m kg.imports.reference` ({name})"


def test_medway_has_its_gss_dfe_and_register_codes(authorities_graph: Graph) -> None:
    medway = ID["authority/medway"]
    assert authorities_graph.value(medway, CYP.gssCode) == Literal("E06000035")
    assert authorities_graph.value(medway, CYP.dfeCode) == Literal("887")
    assert authorities_graph.value(medway, CYP.laCode) == Literal("MDW")
    assert authorities_graph.value(medway, CYP.statisticalGeography) == GSS["E06000035"]
    assert authorities_graph.value(medway, SKOS.prefLabel) == Literal("Medway")


@pytest.mark.parametrize(
    "slug,dfe",
    [
        pytest.param("northamptonshire", "928", id="northamptonshire"),
        pytest.param("cumbria", "909", id="cumbria"),
        pytest.param("dorset-county", "835", id="dorset-pre-lg"),
        pytest.param("poole", "836", id="poole"),
        pytest.param("bournemouth", "837", id="bournemouth"),
    ],
)
def test_pre_merger_authority_keeps_its_dfe_code_and_end_date(authorities_graph: Graph, slug: str, dfe: str) -> None:
    node = ID[f"authority/{slug}"]
    assert authorities_graph.value(node, CYP.dfeCode) == Literal(dfe)
    assert authorities_graph.value(node, SCHEMA_END) is not None
    assert authorities_graph.value(node, CYP.replacedBy) is not None


def test_county_sharing_a_name_with_its_successor_gets_a_county_slug() -> None:
    slugs = {a.slug for a in authorities()}
    assert {"north-yorkshire", "north-yorkshire-county", "somerset", "somerset-county"} <= slugs


def test_slugs_are_unique_and_well_formed() -> None:
    slugs = [a.slug for a in authorities()]
    assert len(slugs) == len(set(slugs))
    assert all(s.replace("-", "").isalnum() and s == s.lower() for s in slugs)


def test_every_upper_tier_authority_has_a_dfe_code() -> None:
    missing = [a.slug for a in authorities() if a.tier == "upper" and not a.dfe_code]
    assert missing == []


def test_legislation_sections_are_part_of_their_act() -> None:
    g = Graph().parse(OUT / "legislation.ttl")
    s17 = URIRef("http://www.legislation.gov.uk/id/ukpga/2004/31/section/17")
    assert g.value(s17, URIRef("http://purl.org/dc/terms/isPartOf")) == URIRef(
        "http://www.legislation.gov.uk/id/ukpga/2004/31"
    )


def test_five_ecm_outcomes_cite_section_10() -> None:
    g = Graph().parse(OUT / "ecm-outcomes.ttl")
    outcomes = set(g.subjects(CYP.statutoryWording, None))
    assert len(outcomes) == 5
    assert ID["outcome/ecm-be-healthy"] in outcomes
    s10 = URIRef("http://www.legislation.gov.uk/id/ukpga/2004/31/section/10")
    assert all(g.value(o, CYP.legalBasis) == s10 for o in outcomes)
