"""The event coder on sentences of our own: code, dyad, modality, attribution, date, place.

Actor mentions are given by hand (the actor stage is tested elsewhere), so these tests say
what the coder does with a parse and a set of mentions.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest

from eventwire import code_text
from eventwire.extract.events import EventCoder
from eventwire.extract.events.lexicon import Lexicon, NounEntry, VerbEntry
from eventwire.records import DateRef, Event, Mention, Place, Quote

#: Surface forms the tests treat as actors: text -> (country, sectors).
ACTORS = {
    "Hungary": ("HUN", ()), "Austria": ("AUT", ()), "Hungarian": ("HUN", ()), "Austrian": ("AUT", ()),
    "Chile": ("CHL", ()), "Peru": ("PER", ()), "Chilean": ("CHL", ()), "Peruvian": ("PER", ()),
    "Ghana": ("GHA", ()), "Togo": ("TGO", ()), "Norway": ("NOR", ()), "Sweden": ("SWE", ()),
    "The Ghanaian foreign minister": ("GHA", ("GOV",)), "Togolese officials": ("TGO", ("GOV",)),
    "the Togolese president": ("TGO", ("GOV",)), "The foreign ministers of Chile": ("CHL", ("GOV",)),
    "Swedish radio": ("SWE", ("MED",)), "a Norwegian newspaper": ("NOR", ("MED",)),
    "Peruvian troops": ("PER", ("MIL",)), "Chilean troops": ("CHL", ("MIL",)),
}


def mentions_in(text: str) -> list[Mention]:
    out: list[Mention] = []
    taken: list[range] = []
    for surface in sorted(ACTORS, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(surface)}\b", text, flags=re.IGNORECASE):
            if any(match.start() in r for r in taken):
                continue
            country, sector = ACTORS[surface]
            taken.append(range(match.start(), match.end()))
            out.append(Mention(text=surface, start=match.start(), end=match.end(), country=country,
                               sector=sector, sentence_index=0))
    return out


#: Entries the tests rely on, put in front of the shipped lexicon so that these tests check
#: the engine whatever the state of the shipped word lists.
TEST_VERBS = [("condemn", "", "", "111"), ("accuse", "", "", "112"), ("visit", "", "", "042"),
              ("release", "", "prisoner", "0841"), ("attack", "", "", "190"), ("accept", "", "refugee", "070"),
              ("withdraw", "", "troop|force", "0874"), ("help", "", "", "070"), ("claim", "", "", "010"),
              ("receive", "", "weapon|arms", "072"), ("detain", "", "", "173"),
              ("meet", "", "", "040"), ("reject", "", "", "120"), ("dismiss", "", "", "120"),
              ("send", "", "weapon|arms", "072"), ("impose", "", "sanction", "163"),
              ("deepen", "", "tie|partnership", "030"), ("say", "", "", "010"), ("announce", "", "", "010")]
TEST_NOUNS = [("visit", "042"), ("drill", "062"), ("talk", "046")]


def lexicon_for_tests() -> Lexicon:
    shipped = Lexicon.load()
    verbs = {key: list(value) for key, value in shipped.verbs.items()}
    for lemma, prep, objects, cameo in TEST_VERBS:
        entry = VerbEntry(lemma, prep, frozenset(filter(None, objects.split("|"))), objects, cameo)
        verbs[lemma] = sorted([entry, *verbs.get(lemma, [])], key=lambda e: -e.specificity)
    nouns = {key: list(value) for key, value in shipped.nouns.items()}
    for lemma, cameo in TEST_NOUNS:
        nouns[lemma] = [NounEntry(lemma, (), cameo)]
    return dataclasses.replace(shipped, verbs=verbs, nouns=nouns)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(lexicon=lexicon_for_tests())


def code(nlp, coder: EventCoder, text: str, **kwargs) -> list[Event]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return coder.extract(doc, doc_id="t", mentions=mentions_in(text), **kwargs)


def top(events: list[Event]) -> Event:
    assert events, "no event coded"
    return max(events, key=lambda e: e.confidence)


def dyad(event: Event) -> tuple[str | None, str | None]:
    return (event.source.country if event.source else None, event.target.country if event.target else None)


@pytest.mark.parametrize("text, root, source, target", [
    ("Hungary accused Austria of hiding the smugglers.", "11", "HUN", "AUT"),
    ("The Ghanaian foreign minister visited Togo on Friday.", "04", "GHA", "TGO"),
    ("Chile condemned the decision by Peru.", "11", "CHL", "PER"),
    ("Norway imposed sanctions on Sweden.", "16", "NOR", "SWE"),
    ("Norway and Sweden held talks.", "04", "NOR", "SWE"),
    ("Hungary sent weapons to Austria.", "07", "HUN", "AUT"),
    ("The plan was rejected by Hungary.", "12", "HUN", None),
])
def test_active_and_passive_clauses_give_code_and_dyad(nlp, coder, text, root, source, target) -> None:
    event = top(code(nlp, coder, text))
    assert event.cameo_root == root
    assert event.source is not None and event.source.country == source
    if target is not None:
        assert event.target is not None and event.target.country == target


def test_passive_agent_in_a_place_phrase(nlp, coder) -> None:
    text = "Ghana announced a new plan. But that plan was dismissed in Norway and Sweden."
    events = [e for e in code(nlp, coder, text) if e.sentence_index == 1]
    assert {dyad(e) for e in events} >= {("NOR", "GHA"), ("SWE", "GHA")}
    assert all(e.cameo_root == "12" for e in events)


@pytest.mark.parametrize("text, modality, root", [
    ("Hungary is willing to send weapons to Austria.", "intent", "03"),
    ("Hungary may send weapons to Austria.", "hypothetical", "07"),
    ("There are fears that Hungary is ready to send weapons to Austria.", "hypothetical", None),
    ("Hungary did not send weapons to Austria.", "negated", "07"),
    ("Hungary denied that it sent weapons to Austria.", "denied", None),
    ("Hungary sent weapons to Austria.", "asserted", "07"),
])
def test_modality_of_the_event(nlp, coder, text, modality, root) -> None:
    events = [e for e in code(nlp, coder, text) if e.cameo_root in ("07", "03")]
    assert events
    event = top(events)
    assert event.modality == modality
    if root:
        assert event.cameo_root == root


def test_control_and_pronoun_resolve_the_source(nlp, coder) -> None:
    text = "Hungary has told Austria that it is willing to send weapons to the front."
    event = top(code(nlp, coder, text))
    assert (dyad(event), event.modality, event.cameo_root) == (("HUN", "AUT"), "intent", "03")


@pytest.mark.parametrize("text, attributed", [
    ("Hungary sent weapons to Austria, according to Swedish radio.", "SWE"),
    ("Swedish radio reported that Hungary sent weapons to Austria.", "SWE"),
    ("Hungary sent weapons to Austria, a Norwegian newspaper said.", "NOR"),
    ("Hungary sent weapons to Austria.", None),
])
def test_attribution(nlp, coder, text, attributed) -> None:
    events = [e for e in code(nlp, coder, text) if e.cameo_root == "07"]
    event = top(events)
    assert (event.attributed_to.country if event.attributed_to else None) == attributed


def test_speech_verb_gives_way_to_the_reported_event(nlp, coder) -> None:
    text = "The Ghanaian foreign minister said Ghana is ready to deepen ties with Togo."
    events = code(nlp, coder, text)
    assert all(e.cameo_root != "01" for e in events)
    assert top(events).modality == "intent"


def test_nominal_event_with_possessor_and_place(nlp, coder) -> None:
    text = "Hungary's visit to Austria ended on Friday."
    event = top(code(nlp, coder, text))
    assert (event.cameo_root, dyad(event)) == ("04", ("HUN", "AUT"))


def test_reciprocal_pair_from_between(nlp, coder) -> None:
    text = "Joint drills between Chilean and Peruvian troops have grown larger."
    events = code(nlp, coder, text)
    assert {dyad(e) for e in events} == {("CHL", "PER"), ("PER", "CHL")}


def test_coordinated_subjects_make_one_event_per_dyad(nlp, coder) -> None:
    events = code(nlp, coder, "Norway and Sweden condemned Hungary.")
    assert sorted(dyad(e) for e in events) == [("NOR", "HUN"), ("SWE", "HUN")]


def test_date_and_location_come_from_the_clause(nlp, coder) -> None:
    text = "Hungary met Austria in Vienna on Friday."
    doc = nlp(text)
    vienna = text.index("Vienna")
    friday = text.index("Friday")
    places = [Place(text="Vienna", start=vienna, end=vienna + 6, name="Vienna", country="AUT", sentence_index=0)]
    dates = [DateRef(text="on Friday", start=friday - 3, end=friday + 6, value="2024-03-01", granularity="day")]
    events = coder.extract(doc, doc_id="t", mentions=mentions_in(text), places=places, dates=dates,
                           published=datetime.date(2024, 3, 3))
    event = top(events)
    assert (event.date, event.date_source) == ("2024-03-01", "text")
    assert event.location is not None and event.location.name == "Vienna"


def test_published_date_when_the_clause_has_none(nlp, coder) -> None:
    event = top(code(nlp, coder, "Hungary condemned Austria.", published=datetime.date(2024, 3, 3)))
    assert (event.date, event.date_granularity, event.date_source) == ("2024-03-03", "day", "published")


def test_ids_rules_and_no_events_without_a_trigger(nlp, coder) -> None:
    events = code(nlp, coder, "The weather was fine. Norway condemned Sweden.")
    assert [e.id for e in events] == ["t:1:0"]
    assert events[0].rule.startswith("lexicon:verb:condemn")
    assert code(nlp, coder, "Send questions to the editors.") == []


@pytest.mark.parametrize("text, root, dyad_, modality", [
    # CAMEO codes announced future cooperation as intent (03), announced harm as threat (13).
    ("Hungary will visit Austria next month.", "03", ("HUN", "AUT"), "intent"),
    ("Norway will impose sanctions on Sweden unless Sweden pays.", "13", ("NOR", "SWE"), "asserted"),
    ("Hungary said it would meet Austria if Austria pays.", "03", ("HUN", "AUT"), "intent"),
    # An obligation under a speech verb is the speaker's demand on the obliged actor.
    ("Norway said Sweden must release the prisoners.", "10", ("NOR", "SWE"), "asserted"),
    # ... whatever the act, even one the lexicon does not know.
    ("Norway said Sweden must repaint the border posts.", "10", ("NOR", "SWE"), "asserted"),
    # A refused cooperative act is a rejection.
    ("Hungary said it will not accept refugees from Austria.", "12", ("HUN", "AUT"), "asserted"),
    # A wish that another actor act is an appeal to that actor.
    ("Hungary wants Austria to attack Serbia.", "02", ("HUN", "AUT"), "asserted"),
    # Violence under an accusing speech verb is an accusation of the perpetrator.
    ("Norway claimed that Sweden had attacked Finland.", "11", ("NOR", "SWE"), "asserted"),
])
def test_governing_words_change_the_code(nlp, coder, text, root, dyad_, modality) -> None:
    event = top(code(nlp, coder, text.replace("Serbia", "Peru").replace("Finland", "Chile")))
    assert (event.cameo_root, dyad(event), event.modality) == (root, dyad_, modality)


def test_receiving_verb_makes_the_giver_the_source(nlp, coder) -> None:
    event = top(code(nlp, coder, "Austria received weapons from Hungary."))
    assert (event.cameo_root, dyad(event)) == ("07", ("HUN", "AUT"))


def test_foreign_place_of_a_recipientless_event_is_its_target(nlp, coder) -> None:
    text = "Hungary sent troops into Vienna."
    vienna = text.index("Vienna")
    places = [Place(text="Vienna", start=vienna, end=vienna + 6, name="Vienna", country="AUT", sentence_index=0)]
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text), places=places)
    assert dyad(top(events)) == ("HUN", "AUT")


def test_relative_clause_is_not_said_by_the_speaker(nlp, coder) -> None:
    text = "Norway said the talks with Sweden, which attacked Peru last year, went well."
    attacks = [e for e in code(nlp, coder, text) if e.cameo_root == "19"]
    assert all(e.source is None or e.source.country != "NOR" for e in attacks)


def test_quotes_give_speaker_and_relay(nlp, coder) -> None:
    text = '"We condemned Austria," the Ghanaian foreign minister said, as quoted by Swedish radio.'
    mentions = mentions_in(text)
    speaker = next(m for m in mentions if m.country == "GHA")
    radio = next(m for m in mentions if m.country == "SWE")
    quote = Quote(text=text[1:21], start=1, end=21, kind="direct", speaker=speaker, reported_by=radio)
    event = top(coder.extract(nlp(text), doc_id="t", mentions=mentions, quotes=[quote]))
    assert (event.cameo_root, dyad(event)) == ("11", ("GHA", "AUT"))
    assert event.attributed_to is not None and event.attributed_to.country == "SWE"


def test_the_charge_of_an_arrest_is_not_an_event(nlp, coder) -> None:
    events = code(nlp, coder, "Hungary detained a Swedish radio reporter for helping Austria.")
    assert [e.cameo_root for e in events] == ["17"]


def test_an_event_dated_long_before_publication_is_historical(nlp, coder) -> None:
    text = "Hungary condemned Austria in 2019."
    year = text.index("2019")
    dates = [DateRef(text="in 2019", start=year - 3, end=year + 4, value="2019-01-01", granularity="year")]
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text), dates=dates,
                           published=datetime.date(2024, 3, 3))
    assert (top(events).modality, top(events).date) == ("historical", "2019-01-01")


@pytest.mark.parametrize("text, root, dyad_", [
    # A support verb with a modified event noun ("legal action") keeps one event, not none.
    ("Hungary launched legal action against Austria.", "11", ("HUN", "AUT")),
    # The verb's preposition hung on its object still satisfies the entry.
    ("Norway presented evidence against Sweden.", "11", ("NOR", "SWE")),
    # Receiving verbs: the giver in the "from" phrase is the source.
    ("Togolese officials obtained loans from Ghana.", "07", ("GHA", "TGO")),
    # Ergative verbs: the intransitive subject meets the object constraint, and an event
    # noun's own "between" phrase names the pair.
    ("Talks between Chile and Peru resumed on Monday.", "04", ("CHL", "PER")),
    ("Fighting between Chile and Peru stopped.", "08", ("CHL", "PER")),
    # "Strikes" launched by a state are military; engaging troops is fighting.
    ("Hungary launched strikes on Austria.", "19", ("HUN", "AUT")),
    ("Chilean troops engaged Peruvian troops at the border.", "19", ("CHL", "PER")),
    # Arriving forces are deployed, peacekeepers (named so or "as" peacekeepers) keep peace.
    ("Chilean troops arrived in Peru on Monday.", "15", ("CHL", "PER")),
    ("A first unit of Chilean peacekeeping troops arrived in Peru.", "07", ("CHL", "PER")),
    ("Peruvian troops were deployed as peacekeepers in Chile.", "07", ("PER", "CHL")),
    ("Chile sent troops to the peacekeeping mission in Peru.", "07", ("CHL", "PER")),
    # A quantified event noun ("ten days of war games") is still the multiword noun entry.
    ("Chilean warships launched ten days of war games near Peru.", "15", ("CHL", "PER")),
    # Granting in general is yielding to the grantee.
    ("Hungary granted Austria a three-month delay.", "08", ("HUN", "AUT")),
])
def test_entries_and_word_senses_from_their_frame(nlp, coder, text, root, dyad_) -> None:
    event = top(code(nlp, coder, text))
    assert (event.cameo_root, dyad(event)) == (root, dyad_)


@pytest.mark.parametrize("text, absent", [
    # An event noun modifying another noun classifies it ("attack helicopters").
    ("Hungarian attack helicopters flew over the Austrian border.", "19"),
    # A participle used as an adjective reports no act.
    ("The Hungarian-occupied sector was calm.", "19"),
    # A reduced relative's object is the noun it modifies: a released report frees nobody.
    ("Norway read a report released by Sweden on Friday.", "08"),
    # The charge of a suspect is a suspicion, not an act.
    ("Hungary expelled two Austrian nationals suspected of attacking a Swedish radio office.", "19"),
])
def test_modifiers_are_not_events(nlp, coder, text, absent) -> None:
    assert absent not in [e.cameo_root for e in code(nlp, coder, text)]


@pytest.mark.parametrize("text, root, dyad_, modality", [
    # An attempt is the act tried, asserted (not a threat).
    ("Chilean troops tried to attack Peru.", "19", ("CHL", "PER"), "asserted"),
    # A document's participle speaks for its issuer.
    ("Hungary issued a statement condemning Austria.", "11", ("HUN", "AUT"), "asserted"),
    # The demanded party of "its demand that ..." is the subject of the demanded act.
    ("Norway repeated its demand that Sweden release the prisoners.", "10", ("NOR", "SWE"), "asserted"),
    # A restated commitment to support is the support itself, toward the promised recipient.
    ("Norway reaffirmed its commitment to support Sweden.", "05", ("NOR", "SWE"), "asserted"),
    # "previously" marks an earlier event recalled as background.
    ("Hungary had previously attacked Austria.", "19", ("HUN", "AUT"), "historical"),
])
def test_attempts_documents_and_demands(nlp, coder, text, root, dyad_, modality) -> None:
    event = top(code(nlp, coder, text))
    assert (event.cameo_root, dyad(event), event.modality) == (root, dyad_, modality)


def test_mediation_between_two_sides_is_the_subjects(nlp, coder) -> None:
    events = code(nlp, coder, "Norway offered mediation between Chile and Peru.")
    assert {dyad(e) for e in events if e.cameo_root == "03"} == {("NOR", "CHL"), ("NOR", "PER")}


def test_a_launched_campaign_is_no_protest(nlp, coder) -> None:
    events = code(nlp, coder, "Hungary launched a campaign against smuggling in Austria.")
    assert not {e.cameo_root for e in events} & {"14", "19"}


def test_a_reported_statement_takes_the_story_date_not_the_report_date(nlp, coder) -> None:
    text = ("Hungary met Austria in Vienna on Sunday. "
            "Hungary is willing to send weapons to Austria, Swedish radio on Monday reported Hungary as saying.")
    sunday, monday = text.index("on Sunday"), text.index("on Monday")
    dates = [DateRef(text="on Sunday", start=sunday, end=sunday + 9, value="2024-03-03", granularity="day"),
             DateRef(text="on Monday", start=monday, end=monday + 9, value="2024-03-04", granularity="day")]
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text), dates=dates,
                           published=datetime.date(2024, 3, 4))
    offer = top([e for e in events if e.sentence_index == 1])
    assert (offer.cameo_root, offer.date, offer.date_source) == ("03", "2024-03-03", "context")


def test_with_a_possessor_the_of_phrase_is_the_patient(nlp, coder) -> None:
    events = code(nlp, coder, "Hungary's support of Austria surprised Peru.")
    assert ("HUN", "AUT") in {dyad(e) for e in events if e.cameo_root == "05"}


def test_an_unreported_obligation_is_no_demand(nlp, coder) -> None:
    assert all(e.cameo_root != "10" for e in code(nlp, coder, "Sweden must repaint the border posts."))


@pytest.mark.parametrize("text, root, dyads", [
    # A stance passive ("is opposed to") is held by its subject.
    ("Hungary is opposed to Austrian mediation.", "12", {("HUN", "AUT")}),
    # A verb's "between" phrase names both sides.
    ("Norway offered to mediate between Chile and Peru.", "03", {("NOR", "CHL"), ("NOR", "PER")}),
])
def test_stance_and_between_phrases_of_verbs(nlp, coder, text, root, dyads) -> None:
    assert {dyad(e) for e in code(nlp, coder, text) if e.cameo_root == root} == dyads


def test_a_perceived_act_is_hypothetical(nlp, coder) -> None:
    events = code(nlp, coder, "Hungary armed itself against a perceived attack by Austria.")
    assert [e.modality for e in events if e.cameo_root == "19"] == ["hypothetical"]


@pytest.mark.parametrize("text, root", [
    # A call on a person without an infinitive is a courtesy visit; with one, an appeal.
    ("The Ghanaian foreign minister called on the Togolese president in Lome.", "04"),
    ("The Ghanaian foreign minister called on the Togolese president to release the prisoners.", "02"),
])
def test_calling_on_a_person(nlp, coder, text, root) -> None:
    event = top(code(nlp, coder, text))
    assert (event.cameo_root, dyad(event)) == (root, ("GHA", "TGO"))


def test_a_coordinated_of_phrase_gives_each_country_its_event(nlp, coder) -> None:
    events = code(nlp, coder, "The foreign ministers of Chile and Peru condemned Hungary.")
    assert {dyad(e) for e in events if e.cameo_root == "11"} == {("CHL", "HUN"), ("PER", "HUN")}


def test_a_purpose_clause_shares_the_modality_of_its_clause(nlp, coder) -> None:
    events = code(nlp, coder, "Hungary may send weapons to help Austria.")
    assert {e.modality for e in events} == {"hypothetical"}


@pytest.mark.parametrize("text, root", [
    ("No country has imposed sanctions on Norway.", "16"),
    ("None of the neighbours sent weapons to Austria.", "07"),
    ("Neither side accused Hungary of hiding the smugglers.", "11"),
    ("No sanctions were imposed on Norway.", "16"),
])
def test_a_negative_subject_negates_the_event(nlp, coder, text, root) -> None:
    event = top([e for e in code(nlp, coder, text) if e.cameo_root == root])
    assert event.modality == "negated"


@pytest.mark.parametrize("text", [
    "No country is willing to send weapons to Austria.",
    "Nobody wants to impose sanctions on Norway.",
    "None of the neighbours agreed to send weapons to Austria.",
])
def test_a_negative_subject_of_a_controlling_verb_negates_its_complement(nlp, coder, text) -> None:
    """Nothing is coded as done or intended; the event is negated, refused, or a rejection."""
    events = code(nlp, coder, text)
    assert events and all(e.modality in ("negated", "refusal") or e.cameo_root == "12" for e in events)
    # The same sentence with a positive subject: an event done or intended.
    positive = text.replace("No country is", "Hungary is").replace("Nobody wants", "Hungary wants") \
        .replace("None of the neighbours agreed", "Hungary agreed")
    assert any(e.modality in ("asserted", "intent") for e in code(nlp, coder, positive))


def test_a_negative_subject_over_an_object_infinitive_is_not_replaced_by_the_speaker(nlp, coder) -> None:
    """ "no one has the right to force us, X said": neither X nor "us" does the forcing."""
    # The whole pipeline: the quote stage makes the ministry the speaker of the quotation.
    events = code_text("“No one has the right to force us to leave,” Hungary's foreign ministry said.").events
    assert not [e for e in events if e.cameo_root == "17" and e.modality == "asserted"]
    events = code_text("“Austria has the right to force us to leave,” Hungary's foreign ministry said.").events
    assert [e for e in events if e.cameo_root == "17"]  # a positive subject: the event stays


def test_a_negative_subject_is_not_replaced_by_the_speaker(nlp, coder) -> None:
    events = code(nlp, coder, "Nobody sent weapons to Austria, Hungary said.")
    sent = [e for e in events if e.cameo_root == "07"]
    assert sent and all(e.modality == "negated" and (e.source is None or e.source.country != "HUN") for e in sent)
    assert top(code(nlp, coder, "Norway sent weapons to Austria, Hungary said.")).modality == "asserted"


@pytest.mark.parametrize("text", [
    "Hungary rejected claims that it sent weapons to Austria.",
    "Hungary rejected allegations that it sent weapons to Austria.",
])
def test_a_rejected_claim_is_denied(nlp, coder, text) -> None:
    assert top([e for e in code(nlp, coder, text) if e.cameo_root == "07"]).modality == "denied"


def test_a_reported_claim_is_not_a_denial(nlp, coder) -> None:
    events = code(nlp, coder, "Hungary reported that Norway sent weapons to Austria.")
    assert top([e for e in events if e.cameo_root == "07"]).modality == "asserted"


def test_a_subject_the_parser_hung_on_the_auxiliary_is_found(nlp, coder) -> None:
    """The small model often attaches "X and Y are ...ing" subjects to the auxiliary; that
    parse is made here by hand, so the test does not depend on the model's mood."""
    text = "Norway and Sweden are sending weapons to Austria."
    doc = nlp(text)
    doc[0].head = doc[3]  # Norway <- are (aux), as the model parses "Egypt and Qatar are mediating"
    assert doc[0].head.lemma_ == "be"
    events = [e for e in coder.extract(doc, doc_id="t", mentions=mentions_in(text)) if e.cameo_root == "07"]
    assert {dyad(e) for e in events} >= {("NOR", "AUT"), ("SWE", "AUT")}


@pytest.mark.parametrize("text", ["Peruvian troops and Chilean troops clashed on the border.",
                                  "Norway and Sweden exchanged fire across the border."])
def test_coordinated_subjects_of_a_mutual_verb_act_on_each_other(nlp, coder, text) -> None:
    events = [e for e in code(nlp, coder, text) if e.cameo_root == "19"]
    pairs = {dyad(e) for e in events}
    assert len(pairs) == 2 and all(a and b and a != b for a, b in pairs), pairs


def test_a_possessive_in_a_for_phrase_refers_to_the_object(nlp, coder) -> None:
    """ "Hungary thanked Austria for its aid": the aid is Austria's, not Hungary's."""
    events = code(nlp, coder, "Hungary thanked Austria for its aid.")
    assert ("AUT", "HUN") in {dyad(e) for e in events if e.cameo_root == "07"}


def places_in(text: str, names: dict[str, str]) -> list[Place]:
    return [Place(text=name, start=text.index(name), end=text.index(name) + len(name), name=name,
                  country=country, sentence_index=0) for name, country in names.items()]


def test_the_venue_of_a_meeting_is_no_participant(nlp, coder) -> None:
    """ "Hungary held talks in Vienna": Austria hosts the talks but takes no part in them;
    "Hungary sent troops to Vienna" does act on Austria (the foreign-place test above)."""
    for text in ("Hungary held talks in Vienna.", "Hungarian and Peruvian officials met in Vienna."):
        events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text),
                               places=places_in(text, {"Vienna": "AUT"}))
        meetings = [e for e in events if e.cameo_root == "04"]
        assert meetings and all(e.target is None or e.target.country != "AUT" for e in meetings), \
            [dyad(e) for e in meetings]
    text = "The Ghanaian foreign minister arrived in Vienna."  # a visit acts on the place visited
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text),
                           places=places_in(text, {"Vienna": "AUT"}))
    assert ("GHA", "AUT") in {dyad(e) for e in events}


def test_overlapping_mentions_of_one_subject_are_one_party() -> None:
    """A title-and-name mention and the name inside it are one actor, not two co-subjects
    meeting each other: the visit is still coded."""
    events = code_text("Iraqi President Saddam Hussein arrived in Amman on Wednesday.").events
    assert ("IRQ", "JOR") in {dyad(e) for e in events if e.cameo == "042"}


def test_a_participle_modifying_the_subject_takes_its_own_agent(nlp, coder) -> None:
    """ "Chilean troops supported by Peru attacked ...": Peru supports the troops; the
    participle's noun is not the subject of an ergative event noun."""
    events = code_text("Meanwhile, Syrian government warplanes supported by Russia pounded the rebel-held "
                       "enclave of eastern Ghouta.").events
    support = [dyad(e) for e in events if e.cameo_root == "05"]
    assert support == [("RUS", "SYR")]


def test_a_claimed_attack_keeps_its_target() -> None:
    """ "Hamas claimed that it had attacked Israel": a claim of responsibility (015) for the
    attack on Israel; Israel stays the target."""
    events = code_text("The militant group Hamas claimed that it had attacked Israel.").events
    claims = [e for e in events if e.cameo == "015"]
    assert claims and all(e.target is not None and e.target.country == "ISR" for e in claims), \
        [(e.cameo, dyad(e)) for e in events]


def test_a_subject_that_names_no_known_actor_is_not_replaced_by_the_speaker() -> None:
    """ "Armed men attacked the village, Hungary's army said": the army did not attack; an
    unresolved pronoun still may be the speaker ("the ministry says it will provide ...")."""
    events = code_text("Armed men attacked a village near the border, Hungary's army said on Sunday.").events
    attacks = [e for e in events if e.cameo_root in ("18", "19")]
    assert attacks and all(e.source is None for e in attacks)


def test_an_actor_inside_the_source_phrase_is_not_guessed_as_target() -> None:
    """ "Syrian warplanes supported by Russia pounded the enclave": Russia is part of the
    subject's phrase, not what was pounded."""
    events = code_text("Syrian government warplanes supported by Russia pounded the rebel-held enclave "
                       "on Friday.").events
    pounding = [e for e in events if e.cameo_root == "19"]
    assert pounding and all(e.target is None or e.target.country != "RUS" for e in pounding)


def test_a_named_modifier_gives_a_bare_noun_its_actor() -> None:
    """ "New People's Army (NPA) guerrillas": the guerrillas are the NPA's (Philippines)."""
    events = code_text("Forty New People's Army (NPA) guerrillas surrendered to the army in Mindanao.").events
    assert any(e.source is not None and e.source.country == "PHL" for e in events)


def test_a_protest_is_addressed_to_the_country_it_is_held_in(nlp, coder) -> None:
    """Domestic protest: "Hungarian students demonstrated in Budapest" is HUN -> HUN, as PLOVER
    and ICEWS code it; other recipientless events in the actor's own country get no target."""
    text = "Hungarian students demonstrated in Budapest on Sunday."
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text),
                           places=places_in(text, {"Budapest": "HUN"}))
    assert ("HUN", "HUN") in {dyad(e) for e in events if e.cameo_root == "14"}
    text = "Hungary held drills in Budapest."
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text),
                           places=places_in(text, {"Budapest": "HUN"}))
    assert events and all(e.target is None for e in events)


def test_the_teller_of_a_sentence_is_not_guessed_as_target() -> None:
    """ "Burmese troops captured a rebel stronghold, Thai police said": Thailand tells."""
    events = code_text("Burmese troops captured a rebel stronghold on Sunday, Thai police said.").events
    captures = [e for e in events if e.source is not None and e.source.country == "MMR"]
    assert captures and all(e.target is None or e.target.country != "THA" for e in captures)


@pytest.mark.parametrize("text, places, where", [
    ("Peruvian troops attacked a convoy near Vienna on Monday.", {"Vienna": "AUT"}, "Vienna"),
    ("Norway expressed displeasure with Sweden.", {"Sweden": "SWE"}, None),  # a party, not a place
    ("Hungary criticised Austria on Monday.", {"Austria": "AUT"}, None),  # where the critic was
    ("Vienna rejected the plan of Norway.", {"Vienna": "AUT"}, None),  # the subject acts, it is no venue
    ("Norway said Sweden, which held talks in Vienna, attacked Peru.", {"Vienna": "AUT"}, None),  # another clause
])
def test_the_location_is_a_place_phrase_of_the_event_itself(nlp, coder, text, places, where) -> None:
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text), places=places_in(text, places))
    event = top([e for e in events if e.cameo_root != "04"])
    assert (event.location.text if event.location else None) == where, (event.cameo, event.location)


def test_a_plural_pronoun_refers_to_all_of_a_coordinated_subject(nlp, coder) -> None:
    """ "Norway and Sweden said they would attack Peru": both would."""
    events = [e for e in code(nlp, coder, "Norway and Sweden said they would attack Peru.") if e.cameo_root == "13"]
    assert {dyad(e) for e in events} == {("NOR", "PER"), ("SWE", "PER")}


def test_co_subjects_of_a_joint_event_act_on_each_other_not_on_its_place(nlp, coder) -> None:
    """ "Norway and Sweden deepened their partnership in Vienna": with each other; Vienna is
    where. Aid that co-subjects give goes to a third party, not to each other."""
    text = "Norway and Sweden deepened their partnership in Vienna."
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text),
                           places=places_in(text, {"Vienna": "AUT"}))
    assert {dyad(e) for e in events if e.cameo_root == "03"} == {("NOR", "SWE"), ("SWE", "NOR")}
    events = code(nlp, coder, "Norway and Sweden sent weapons.")
    assert all(e.target is None for e in events if e.cameo_root == "07")


@pytest.mark.parametrize("text", [
    "Peruvian students began a hunger strike to demand the resignation of the Togolese president.",
    "Peruvian students held a rally in protest against the decision by the Togolese president.",
])
def test_a_protest_is_aimed_at_the_actor_of_its_stated_purpose(nlp, coder, text) -> None:
    protests = [e for e in code(nlp, coder, text) if e.cameo_root == "14"]
    # Found as the aim (the rule says how), not guessed as the nearest actor.
    assert any(dyad(e) == ("PER", "TGO") and "tgt=aim" in e.rule for e in protests), \
        [(e.cameo, dyad(e), e.rule) for e in protests]


def test_coercion_and_violence_act_on_the_country_they_happen_in(nlp, coder) -> None:
    """ "Hungarian police detained protesters in Budapest": HUN -> HUN (domestic repression,
    as ICEWS and PLOVER code it); the doer's own place is never its target ("U.S. airstrikes")."""
    text = "Hungarian troops attacked a village near Budapest."
    events = coder.extract(nlp(text), doc_id="t", mentions=mentions_in(text),
                           places=places_in(text, {"Budapest": "HUN"}))
    assert ("HUN", "HUN") in {dyad(e) for e in events if e.cameo_root in ("18", "19")}


def test_an_in_complement_of_a_passive_is_no_agent(nlp, coder) -> None:
    """ "Chilean troops were engaged in Peru": the troops fight; Peru is where, not who."""
    events = [e for e in code(nlp, coder, "Chilean troops were engaged in Peru against rebels.")
              if e.cameo_root == "19"]
    assert events and all(dyad(e)[0] == "CHL" for e in events), [(e.cameo, dyad(e)) for e in events]


def test_an_exercise_of_several_countries_is_military_cooperation() -> None:
    """ "Chinese and Russian warships conducted naval exercises": 062 between them; one
    country's exercise near another is a show of force (150) towards it."""
    events = code_text("Chinese and Russian warships conducted naval exercises in the Sea of Japan.").events
    assert {(e.cameo, dyad(e)) for e in events} >= {("062", ("CHN", "RUS")), ("062", ("RUS", "CHN"))}
    events = code_text("Russia held military exercises near the Ukrainian border.").events
    assert any(e.cameo_root == "15" and e.source is not None and e.source.country == "RUS" for e in events)


def test_a_place_described_in_an_in_phrase_is_no_agent(nlp, coder) -> None:
    """ "Troops were attacked in the former Chilean colony": the attack was not Chile's."""
    events = code(nlp, coder, "Peruvian troops were attacked in the former Chilean colony.")
    assert all(e.source is None or e.source.country != "CHL" for e in events), [(e.cameo, dyad(e)) for e in events]


def test_a_state_of_siege_is_declared_like_a_state_of_emergency() -> None:
    events = code_text("Bolivia's president declared a state of siege in Pando on Friday.").events
    assert any(e.cameo == "1724" for e in events), [(e.cameo, e.trigger.text) for e in events]


def test_the_recipient_after_an_own_possessed_object_is_the_target(nlp, coder) -> None:
    """ "Norway and Sweden sent their weapons to Austria": "their" is the givers' own; the
    recipient is in the "to" phrase (which the parser may label dative)."""
    events = [e for e in code(nlp, coder, "Norway and Sweden sent their weapons to Austria.") if e.cameo_root == "07"]
    assert {dyad(e) for e in events} == {("NOR", "AUT"), ("SWE", "AUT")}, [(e.cameo, dyad(e), e.rule) for e in events]


@pytest.mark.parametrize("text", ["Hungary faced criticism from Austria over the fence.",
                                  "Hungary drew condemnation from Austria over the fence.",
                                  "Hungary came under criticism from Austria."])
def test_the_subject_of_faced_or_drew_criticism_is_its_target(text) -> None:
    events = [e for e in code_text(text).events if e.cameo_root == "11"]
    assert events and all(dyad(e) == ("AUT", "HUN") for e in events), [(e.cameo, dyad(e)) for e in events]


def test_pressure_the_subject_comes_under_is_a_demand_on_it() -> None:
    events = [e for e in code_text("Hungary came under pressure from Austria to reopen the border.").events
              if e.cameo_root == "10"]
    assert events and all(dyad(e) == ("AUT", "HUN") for e in events), [(e.cameo, dyad(e)) for e in events]


def test_what_a_passive_directive_asks_is_not_asserted(nlp, coder) -> None:
    """ "Norway was urged by Sweden to attack Peru": the attack is asked for, not done, even
    when the parser hangs the infinitive as an adverbial clause."""
    text = "Norway was urged by Sweden to attack Peru."
    doc = nlp(text)
    attack = next(t for t in doc if t.lemma_ == "attack")
    urged = next(t for t in doc if t.lemma_ == "urge")
    attack.head, attack.dep_ = urged, "advcl"  # the small model's parse of "pressured ... to help"
    events = coder.extract(doc, doc_id="t", mentions=mentions_in(text))
    assert not [e for e in events if e.cameo_root in ("18", "19") and e.modality == "asserted"], \
        [(e.cameo, e.modality, dyad(e)) for e in events]


def test_agreeing_with_someone_to_act_is_an_agreement_to_act() -> None:
    """ "Hungary agreed with Austria to reopen the border": intent (03), not a comment (01)."""
    events = code_text("Hungary agreed with Austria to reopen the border.").events
    assert any(e.cameo_root == "03" and dyad(e) == ("HUN", "AUT") for e in events), [(e.cameo, dyad(e)) for e in events]
    assert not any(e.cameo_root == "01" for e in events)


def test_a_withheld_concession_is_a_rejection(nlp, coder) -> None:
    """ "Hungary did not release the prisoners": a refusal to release (12), not a release;
    inside a condition ("if Hungary does not release ...") it stays a negated release."""
    events = code(nlp, coder, "Hungary did not release the prisoners.")
    assert any(e.cameo_root == "12" and e.modality == "asserted" for e in events), \
        [(e.cameo, e.modality) for e in events]
    events = code(nlp, coder, "Austria will act if Hungary does not release the prisoners.")
    assert not any(e.cameo_root == "12" for e in events), [(e.cameo, e.modality) for e in events]


def test_a_denial_with_an_object_of_its_own_is_a_refusal() -> None:
    """ "denied permission for the rally" refuses; "denied claims that it sent weapons" denies
    the sending."""
    events = code_text("The Hungarian government denied permission for the opposition rally.").events
    assert any(e.cameo_root == "12" for e in events), [(e.cameo, e.modality) for e in events]
    events = code_text("Hungary denied claims that it sent weapons to Austria.").events
    assert any(e.cameo_root == "07" and e.modality == "denied" for e in events), [(e.cameo, e.modality) for e in events]
