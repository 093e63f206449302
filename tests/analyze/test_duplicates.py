"""Near-duplicate stories: syndicated and lightly edited copies group, different stories stay apart."""

from __future__ import annotations

import pytest

from eventwire.analyze.duplicates import DedupeOptions, MinHasher, UnionFind, group_duplicates, similarity

# An invented wire story (about 200 words) and the ways outlets republish it.
STORY = (
    "Dock workers at the port of Valmora walked off the job on Tuesday, halting the loading of grain ships "
    "after talks over night-shift pay collapsed late on Monday. The union representing about four thousand "
    "workers said the stoppage would last at least three days unless the port authority returned to the table "
    "with a new offer. Port officials said more than a dozen vessels were waiting at anchor outside the harbour "
    "and warned that exporters could face penalties if cargoes missed their delivery dates. The transport "
    "minister urged both sides to resume negotiations and said the government was ready to appoint a mediator. "
    "Grain traders said the strike came at the busiest point of the harvest season, when silos along the coast "
    "are close to full and farmers depend on steady shipments to free up storage. A spokesman for the union "
    "said its members had worked without a contract since the spring and that the latest proposal did not keep "
    "pace with rising rents in the port district. The port authority said it had offered a larger raise than in "
    "any year of the past decade and accused the union of walking away from a fair deal."
)
NEW_LEDE = (
    "Thousands of dock workers in Valmora stopped work on Tuesday in a dispute over pay for night shifts, "
    "leaving grain ships idle at the quay."
)
OTHER_STORY = (
    "The port authority of Valmora announced on Friday that it had reached a preliminary agreement with the "
    "dock workers union, ending a strike that had kept grain ships waiting at anchor for most of the week. "
    "Under the deal, night-shift workers will receive a raise in two steps over the next eighteen months, and a "
    "joint committee will review staffing levels before the next harvest. The transport minister welcomed the "
    "agreement and thanked the mediator appointed by the government for bringing both sides back to the table. "
    "Exporters said it would take several days to clear the backlog of vessels, and some shipments were expected "
    "to miss their delivery dates. Union members are due to vote on the agreement next week, and leaders said "
    "they would recommend that it be accepted, although some workers said the raise still fell short of rising "
    "rents in the port district."
)


def first_sentence_replaced(text: str, lede: str) -> str:
    return lede + text[text.index(". ") + 1:]


def edited(text: str, swaps: dict[str, str]) -> str:
    for old, new in swaps.items():
        text = text.replace(old, new)
    return text


COPIES = {
    "verbatim with another outlet's boilerplate": (
        "Copyright 2024 Northern Wire Service. All rights reserved.\n" + STORY +
        "\nFollow us on social media for the latest updates."),
    "edited lede": first_sentence_replaced(STORY, NEW_LEDE),
    "edited lede and boilerplate": first_sentence_replaced(STORY, NEW_LEDE) + "\nRead more: our business coverage",
    "light copy edits": edited(STORY, {"harbour": "harbor", "on Tuesday": "Tuesday", "spokesman": "spokeswoman",
                                       "about four thousand": "some 4,000", "late on Monday": "overnight"}),
    "dateline added": "VALMORA (Northern Wire) - " + STORY,
}


@pytest.mark.parametrize("copy", list(COPIES.values()), ids=list(COPIES))
def test_a_republished_copy_joins_the_original_story(copy: str) -> None:
    groups = group_duplicates({"a-original": STORY, "b-copy": copy})
    assert groups["b-copy"] == groups["a-original"] == "a-original"


@pytest.mark.parametrize("text", [OTHER_STORY, OTHER_STORY + " " + NEW_LEDE], ids=["follow-up", "follow-up quoting"])
def test_a_different_story_on_the_same_topic_stays_apart(text: str) -> None:
    groups = group_duplicates({"a": STORY, "b": text})
    assert groups["a"] != groups["b"]


def test_five_outlets_make_one_story_and_the_follow_up_another() -> None:
    texts = {f"copy-{i}": copy for i, copy in enumerate(COPIES.values())} | {"follow-up": OTHER_STORY}
    groups = group_duplicates(texts)
    assert len({groups[f"copy-{i}"] for i in range(len(COPIES))}) == 1
    assert groups["follow-up"] == "follow-up"


def test_group_ids_are_the_smallest_key_whatever_the_input_order() -> None:
    items = [("k3", STORY), ("k1", COPIES["edited lede"]), ("k2", OTHER_STORY)]
    forward = group_duplicates(dict(items))
    backward = group_duplicates(dict(reversed(items)))
    assert forward == backward == {"k1": "k1", "k3": "k1", "k2": "k2"}


def test_a_strict_threshold_keeps_only_near_verbatim_copies() -> None:
    strict = DedupeOptions(threshold=0.8)
    texts = {"a": STORY, "b": COPIES["verbatim with another outlet's boilerplate"], "c": OTHER_STORY}
    groups = group_duplicates(texts, strict)
    assert groups["a"] == groups["b"] != groups["c"]


@pytest.mark.parametrize("text", ["", "   ", "--- *** ---"], ids=["empty", "blank", "no words"])
def test_a_text_without_words_is_a_story_of_its_own(text: str) -> None:
    assert group_duplicates({"a": text, "b": text}) == {"a": "a", "b": "b"}


def test_signatures_are_deterministic_across_hashers() -> None:
    one, two = MinHasher().signature(STORY), MinHasher().signature(STORY)
    assert one is not None and two is not None
    assert similarity(one, two) == 1.0
    assert MinHasher().band_keys(one) == MinHasher().band_keys(two)


def test_estimated_similarity_is_low_for_unrelated_texts() -> None:
    a, b = MinHasher().signature(STORY), MinHasher().signature(OTHER_STORY)
    assert a is not None and b is not None
    assert similarity(a, b) < 0.2


def test_union_find_names_groups_by_their_smallest_member() -> None:
    found = UnionFind()
    found.union("c", "b")
    found.union("d", "c")
    found.add("e")
    assert found.groups() == {"b": "b", "c": "b", "d": "b", "e": "e"}


def test_bands_must_divide_the_permutations() -> None:
    with pytest.raises(ValueError, match="multiple of bands"):
        DedupeOptions(permutations=100, bands=32)
