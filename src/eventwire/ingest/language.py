"""A cheap English-or-not check.

News coding only works on English text. Rather than pull in a language-identification
model, we compare the share of frequent function words of English with those of the other
languages most often found in news feeds, and look at the script. Short English
sentences can have few function words ("Police arrest 12 protesters in Lagos"), so a text
is rejected only when another language explains it clearly better, or when most of its
letters are not Latin.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_FUNCTION_WORDS = {
    "English": """the of and to a in is that for it as was with be by on not he i this are or his from at
        which but have an they you were her she there been has their one we all would will said its who""",
    "French": """le la les de des du et est un une que qui dans pour pas sur au aux il elle ne se sont ont
        avec par plus son sa ses cette été être nous vous leur mais ou où""",
    "Spanish": """el la los las de del y que en un una es por con para se su sus al lo como más pero ha
        han fue son está este esta también entre sobre""",
    "Portuguese": """o a os as de do da dos das e que em um uma é por com para se seu sua não mais foi são
        ao na no nas nos pelo pela também""",
    "German": """der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an
        werden aus er hat dass sie nach wird bei einer um am sind noch wie""",
    "Italian": """il lo la i gli le di del della e che è un una per con non si da al alla sono come più
        anche ma nel nella ha""",
    "Dutch": """de het een en van in is dat op te zijn met voor niet aan er ook als bij door maar om werd
        wordt heeft uit""",
    "Indonesian": """yang dan di ini itu dengan untuk dari tidak dalam akan pada juga ke ada oleh adalah
        telah bahwa atau mereka""",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}

#: Another language must beat English by this margin (share of words) to reject a text.
MARGIN = 0.05
#: Texts with fewer words are not judged by function words (the script check still applies).
MIN_WORDS = 8
#: Share of letters outside the Latin script above which a text is not English.
MAX_NON_LATIN = 0.5


def function_word_shares(text: str) -> tuple[dict[str, float], int]:
    """Share of each language's function words among the words of ``text``, and the word count."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if not words:
        return {lang: 0.0 for lang in _SETS}, 0
    return {lang: sum(w in s for w in words) / len(words) for lang, s in _SETS.items()}, len(words)


def _non_latin_share(text: str) -> float:
    letters = [c for c in text[:20_000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if not unicodedata.name(c, "LATIN").startswith("LATIN")) / len(letters)


def not_english_reason(text: str) -> str | None:
    """A reason when ``text`` does not look English, else None."""
    non_latin = _non_latin_share(text)
    if non_latin > MAX_NON_LATIN:
        return (
            f"the text is not English ({non_latin:.0%} of its letters are not Latin script); "
            "eventwire codes English only"
        )
    shares, n_words = function_word_shares(text)
    if n_words < MIN_WORDS:
        return None
    english = shares.pop("English")
    best, share = max(shares.items(), key=lambda item: item[1])
    if share > english + MARGIN:
        return (
            f"the text looks like {best}, not English ({best} function words are {share:.0%} of {n_words} words, "
            f"English ones {english:.0%}); eventwire codes English only"
        )
    return None
