"""Controlled lists come from the ontology's SKOS schemes, and the shapes agree with them."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, SH, SKOS
from rdflib.term import Node

from kg.namespaces import CYP
from kg.ontology.files import load_ontology, load_shapes
from kg.ontology.vocabulary import UnknownSchemeError, concept, concepts, lookup, named_in, schemes

REQUIRED = (
    "PartnerTypeScheme",
    "BodyTypeScheme",
    "DecisionKindScheme",
    "DecisionStatusScheme",
    "PlanStatusScheme",
    "MeetingStatusScheme",
    "TargetGroupScheme",
    "ServiceTierScheme",
    "ThemeScheme",
)


@pytest.mark.parametrize("name", REQUIRED)
def test_the_lists_code_needs_are_schemes_of_the_ontology(name: str) -> None:
    assert name in schemes()
    assert concepts(name), f"{name} has no concepts"


@pytest.mark.parametrize("name", schemes())
def test_every_concept_has_a_label_and_a_definition(name: str) -> None:
    for c in concepts(name):
        assert c.pref_label and c.definition, f"{c.iri} lacks a label or definition"


def test_lookup_finds_a_concept_by_an_alternative_label_in_any_case() -> None:
    found = lookup("PartnerTypeScheme", "Housing Services")
    assert found is not None and found.iri == CYP.HousingService


def test_lookup_finds_a_frequency_by_its_iso_duration() -> None:
    found = lookup("FrequencyScheme", "P6M")
    assert found is not None and found.iri == CYP.SixMonthly


def test_lookup_returns_none_for_a_word_outside_the_scheme() -> None:
    assert lookup("MeetingStatusScheme", "approved") is None


def test_an_unknown_scheme_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(UnknownSchemeError, match="DecisionKindScheme"):
        concepts("NoSuchScheme")


def test_partner_and_body_types_are_the_classes_nodes_are_typed_with() -> None:
    ontology = load_ontology()
    for name in ("PartnerTypeScheme", "BodyTypeScheme"):
        for c in concepts(name):
            assert (c.iri, RDF.type, OWL.Class) in ontology, f"{c.iri} is in {name} but is not a class"


def test_a_concept_is_found_by_its_local_name() -> None:
    assert concept("Elect").scheme == CYP.DecisionKindScheme


def _sh_in_lists(shapes: Graph) -> list[tuple[Node, set[Node]]]:
    return [(shape, set(Collection(shapes, head))) for shape, head in shapes.subject_objects(SH["in"])]


def test_every_sh_in_list_of_concepts_is_exactly_one_whole_scheme() -> None:
    """The shapes' allowed values are the scheme, so adding a concept to a scheme without the shape fails here."""
    ontology = load_ontology()
    checked = 0
    for shape, members in _sh_in_lists(load_shapes()):
        in_schemes = {s for m in members for s in ontology.objects(m, SKOS.inScheme)}
        if not in_schemes:
            continue
        whole = [s for s in in_schemes if set(ontology.subjects(SKOS.inScheme, s)) == members]
        assert whole, f"{shape}: its sh:in list is not the whole of any one scheme ({sorted(map(str, in_schemes))})"
        checked += 1
    assert checked >= 10


def test_a_shape_whose_message_names_a_scheme_allows_exactly_that_schemes_concepts() -> None:
    """A concept in two schemes (cyp:Scheduled) cannot make a list pass as the other scheme the message names."""
    ontology, shapes = load_ontology(), load_shapes()
    named = 0
    for shape, members in _sh_in_lists(shapes):
        message = " ".join(str(m) for m in shapes.objects(shape, SH.message))
        for name in set(re.findall(r"cyp:(\w+Scheme)\b", message)):
            assert members == set(ontology.subjects(SKOS.inScheme, CYP[name])), f"{shape}: sh:in is not all of {name}"
            named += 1
    assert named >= 10


def test_lookup_finds_a_concept_by_a_hidden_label() -> None:
    found = lookup("BodyTypeScheme", "HWB")
    assert found is not None and found.iri == CYP.HealthAndWellbeingBoard


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("Recommendations Approved", "Resolved"),
        ("Decision Made", "Resolved"),
        ("Noted", "Noted"),
        ("For Determination", None),
    ],
)
def test_a_committee_systems_status_words_name_a_decision_status_by_the_longest_name_they_hold(status, expected):
    found = named_in("DecisionStatusScheme", status)
    assert (found.pref_label if found else None) == expected


def test_a_status_written_as_a_past_participle_names_the_decision_kind_when_inflections_are_allowed() -> None:
    assert named_in("DecisionKindScheme", "Referred to Council") is None
    refer = named_in("DecisionKindScheme", "Referred to Council", inflected=True)
    approve = named_in("DecisionKindScheme", "Recommendations Approved", inflected=True)
    assert (refer and refer.pref_label, approve and approve.pref_label) == ("Refer", "Approve")
