"""Place names: recognition, resolution with context, metonymy (extract/places)."""

from __future__ import annotations

import pytest

from eventwire.extract.places import PlaceResolver
from eventwire.records import Mention


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver()


def places_of(nlp, resolver, text, mentions=()):  # type: ignore[no-untyped-def]
    return resolver.extract(nlp(text), mentions=mentions)


def resolved(nlp, resolver, text, name):  # type: ignore[no-untyped-def]
    """(country, feature) of the first place whose text is ``name``."""
    for place in places_of(nlp, resolver, text):
        if place.text == name:
            return place.country, place.feature
    return None


@pytest.mark.parametrize(("text", "name", "expected"), [
    # Population decides when nothing else does.
    ("The mayor of Paris opened the new metro line.", "Paris", ("FRA", "city")),
    ("Talks resumed in Moscow after a week of delays.", "Moscow", ("RUS", "city")),
    # An explicit qualifier decides.
    ("A tornado damaged homes in Paris, Texas, late on Tuesday.", "Paris", ("USA", "city")),
    ("Students in Moscow, Idaho, returned to class on Monday.", "Moscow", ("USA", "city")),
    ("Perth, Scotland, saw record rainfall in August.", "Perth", ("GBR", "city")),
    # The article's other places decide: Georgia the country next to Tbilisi and Russia,
    # the US state next to Atlanta and its neighbours.
    ("Crowds filled the streets of Tbilisi as Georgia's ties with Russia frayed.", "Georgia",
     ("GEO", "country")),
    ("Storms flooded Atlanta and Savannah before the governor of Georgia asked Alabama for help.",
     "Georgia", ("USA", "admin1")),
    # The article's country does not outweigh a far larger namesake abroad.
    ("The U.S. envoy said talks with Iran would resume in Geneva next week.", "Geneva", ("CHE", "city")),
    # A country's name is the country, not a city that also goes by it.
    ("Officials in Mexico reported new cases.", "Mexico", ("MEX", "country")),
    # A comma in a list is no qualifier.
    ("Flights from China, Japan and the United Kingdom were suspended.", "China", ("CHN", "country")),
    ("Cases rose in Arizona, California, Colorado and Utah.", "California", ("USA", "admin1")),
    # A national capital outranks a larger namesake; a list of states makes it the state.
    ("The delegation left Beijing for Washington on Monday.", "Washington", ("USA", "city")),
    ("Cases were reported in Oregon, Washington and Idaho.", "Washington", ("USA", "admin1")),
])
def test_ambiguous_names_resolve_by_context(nlp, resolver, text, name, expected):  # type: ignore[no-untyped-def]
    assert resolved(nlp, resolver, text, name) == expected


def test_actor_countries_are_a_prior(nlp, resolver):  # type: ignore[no-untyped-def]
    text = "Police in Victoria said the fires were under control."
    australian = [Mention(text="Australian police", start=0, end=6, country="AUS")]
    places = places_of(nlp, resolver, text, australian)
    assert [(p.text, p.country) for p in places] == [("Victoria", "AUS")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Fighting continued in the Gaza Strip and the West Bank.", ["Gaza Strip", "West Bank"]),
    ("Tensions rose across the Middle East and Central Asia.", ["Middle East", "Central Asia"]),
    ("The tanker sank in the Indian Ocean off Somalia.", ["Indian Ocean", "Somalia"]),
    ("Shelling resumed in Donbas, and Crimea stayed calm.", ["Donbas", "Crimea"]),
    ("Ministers from Africa and Europe met in Nairobi.", ["Africa", "Europe", "Nairobi"]),
    # Abbreviations that news text uses for countries and states.
    ("The U.S. and the UK sent aid to the DRC.", ["U.S.", "UK", "DRC"]),
    # A sea named after a country is the sea, not the country.
    ("A missile fell into the Sea of Japan on Monday.", ["Sea of Japan"]),
])
def test_regions_countries_and_continents_are_places(nlp, resolver, text, expected):  # type: ignore[no-untyped-def]
    assert [p.text for p in places_of(nlp, resolver, text)] == expected


@pytest.mark.parametrize(("text", "not_places"), [
    ("Russian troops shelled positions near Kharkiv.", {"Russian"}),
    ("The Chinese delegation left for Washington.", {"Chinese"}),
    ("Georgian and Ukrainian officials met in Brussels.", {"Georgian", "Ukrainian"}),
])
def test_demonyms_are_not_places(nlp, resolver, text, not_places):  # type: ignore[no-untyped-def]
    texts = {p.text for p in places_of(nlp, resolver, text)}
    assert texts and not texts & not_places


@pytest.mark.parametrize(("text", "name", "as_actor"), [
    ("Moscow said the new sanctions were illegal.", "Moscow", True),
    ("Beijing announced retaliatory tariffs on Monday.", "Beijing", True),
    ("The plan was condemned by Washington.", "Washington", True),
    ("Li arrived in Moscow on Sunday.", "Moscow", False),
    ("The minister began a visit to Moscow.", "Moscow", False),
    ("Li's Moscow visit drew criticism.", "Moscow", False),
    ("Moscow is the largest city in Europe.", "Moscow", False),
    ("China is ready to deepen the partnership.", "China", True),
    ("Russia's invasion of Ukraine entered its second year.", "Russia", True),
    ("Beijing's streets were empty on Sunday.", "Beijing", False),
])
def test_metonymy_marks_places_used_as_actors(nlp, resolver, text, name, as_actor):  # type: ignore[no-untyped-def]
    place = next(p for p in places_of(nlp, resolver, text) if p.text == name)
    assert place.as_actor is as_actor


def test_places_carry_offsets_coordinates_and_sentence(nlp, resolver):  # type: ignore[no-untyped-def]
    text = "Talks ended. Delegates flew home from Nairobi on Friday."
    (place,) = places_of(nlp, resolver, text)
    assert text[place.start:place.end] == "Nairobi"
    assert place.sentence_index == 1
    assert place.country == "KEN" and place.geonames_id == 184745
    assert abs(place.lat - -1.28) < 0.1 and abs(place.lon - 36.82) < 0.1


@pytest.mark.parametrize(("text", "expected"), [
    # The small model tags towns it does not know ORG, PERSON or PRODUCT; the words around
    # the name make it a place.
    ("Two workers fell ill at a farm in Cranleigh last week.", [("Cranleigh", "GBR")]),
    ("A resident of Tver told reporters the water was unsafe.", [("Tver", "RUS")]),
    ("Floods hit the northern town of Olsztyn on Friday.", [("Olsztyn", "POL")]),
    ("Aid reached the Kakuma camps after a week.", [("Kakuma", "KEN")]),
    ("Health officials in the Kursk region reported new cases.", [("Kursk", "RUS")]),
])
def test_small_towns_count_in_a_place_frame(nlp, resolver, text, expected):  # type: ignore[no-untyped-def]
    assert [(p.text, p.country) for p in places_of(nlp, resolver, text)] == expected


def test_division_nouns_choose_the_division(nlp, resolver):  # type: ignore[no-untyped-def]
    (place,) = places_of(nlp, resolver, "Boko Haram attacked villages in Borno State.")
    assert (place.text, place.feature, place.country) == ("Borno State", "admin1", "NGA")


@pytest.mark.parametrize(("text", "not_places"), [
    ("According to Chester, the tests were negative.", {"Chester"}),
    ("Fears grew over the spread of SARS in the region.", {"SARS"}),
    ("Visitors crowded the Berlin Zoo on Sunday.", {"Zoo"}),
    ("He served as an adviser in the Obama administration.", {"Obama"}),
    ("Senators sent a letter to Rubio on Monday.", {"Rubio"}),
    ("Stocks fell sharply on Wall Street.", {"Street"}),
    ("Meta's new model was released on Tuesday.", {"Meta"}),
])
def test_words_that_only_look_like_places_are_not_places(nlp, resolver, text, not_places):  # type: ignore[no-untyped-def]
    assert not {p.text for p in places_of(nlp, resolver, text)} & not_places


def test_cities_the_model_tags_as_nationalities_count_after_a_locative_preposition(nlp, resolver):  # type: ignore[no-untyped-def]
    text = "The envoy met officials in Aleppo and Idlib."
    assert [(p.text, p.country) for p in places_of(nlp, resolver, text)] == [("Aleppo", "SYR"), ("Idlib", "SYR")]


def test_places_inside_organisation_names_are_parts_of_actors(nlp, resolver):  # type: ignore[no-untyped-def]
    text = "The U.S. Food and Drug Administration recalled the product."
    places = places_of(nlp, resolver, text)
    assert [(p.text, p.country, p.as_actor) for p in places] == [("U.S.", "USA", True)]


def test_text_without_places_yields_nothing(nlp, resolver):  # type: ignore[no-untyped-def]
    assert places_of(nlp, resolver, "The committee will meet again next week.") == []
