"""Word forms for the terminology guard: how a text's letters are compared
in each language, and how an Azerbaijani noun takes its suffixes.

A loaded term must be found however it is written: in capitals, with
Russian ё or е, and in every form the language gives it. Russian and
Armenian endings are listed in terminology.yaml; Azerbaijani suffixes
depend on the word (vowel harmony, buffer letters, q/ğ), so the data gives
suffix templates and this module writes out the forms.
"""

from __future__ import annotations

import re
from functools import cache


def normalise_hyphens(text: str) -> str:
    """Hyphens that look like "-" as "-" (one character for one, so that an
    offset in the folded text is the same offset in the page)."""
    return text.replace("\u2010", "-").replace("\u2011", "-")


def fold(text: str, language: str) -> str:
    """The text in lower case as the language pairs its letters, with
    Russian ё read as е, and as many characters as the text."""
    # Azerbaijani (like Turkish) pairs İ with i and I with ı; elsewhere İ is
    # an i (str.lower would make it two characters, i and a combining dot).
    text = normalise_hyphens(text).replace("İ", "i")
    if language == "az":
        text = text.replace("I", "ı")
    folded = text.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer: keep it as it is
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return folded.replace("ё", "е") if language == "ru" else folded


# --- Russian and Armenian endings -----------------------------------------------

# An ending that begins with a letter in brackets puts that letter before the
# stem's last letter: the fleeting vowel of a genitive plural (земл + (е)ь:
# земель; Russian nouns in -ец lose it: арцах + ец, but арцахца).
_FLEETING = re.compile(r"^\((.)\)")
_ARMENIAN_VOWELS = set("աեէըիոօւ")


def with_ending(stem: str, ending: str, language: str) -> str:
    """The stem with one ending of its class, as the language writes it."""
    fleeting = _FLEETING.match(ending)
    if fleeting:
        return stem[:-1] + fleeting.group(1) + stem[-1:] + ending[fleeting.end():]
    if language == "ru" and ending.startswith("ы") and stem[-1:] in "гкхжшчщ":
        return stem + "и" + ending[1:]  # the spelling rule: республики, but группы
    if language == "hy" and ending.startswith("ը") and stem[-1:] in _ARMENIAN_VOWELS:
        return stem + "ն" + ending[1:]  # the article is ն after a vowel: Խանքենդին, not Խանքենդիը
    return stem + ending


def is_capitals(word: str) -> bool:
    """An abbreviation such as NKR or ԼՂՀ: matched only in capitals."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# --- Azerbaijani suffixes ------------------------------------------------------

_BACK, _FRONT = set("aıou"), set("əeiöü")
_VOWELS = _BACK | _FRONT
# A suffix's vowels follow the word (harmony), so a template writes them as
# A or I, never as a letter: "ki" would miss "Bakıdakı", where "kI" finds it.
SUFFIX_TEMPLATE = re.compile(r"^(?:\([AIbcçdfgğhjklmnpqrsştvxyz]\)|[AIbcçdfgğhjklmnpqrsştvxyz])+$")


def _last_vowel(word: str, otherwise: str = "e") -> str:
    return next((c for c in reversed(word) if c in _VOWELS), otherwise)  # no vowel (an abbreviation): front


def _harmonise(last_vowel: str, archiphoneme: str) -> str:
    """A or I as the word's last vowel wants it."""
    if archiphoneme == "A":
        return "a" if last_vowel in _BACK else "ə"
    return {"a": "ı", "ı": "ı", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}.get(last_vowel, "i")


@cache
def _suffix(last_vowel: str, ends_in_vowel: bool, template: str) -> str:
    """A suffix template, e.g. "(s)I", written out after a word that has
    this last vowel and ends (or not) in a vowel: nothing else of the word
    matters, so each is worked out once."""
    suffix = ""
    for part in re.findall(r"\([^)]\)|.", template):
        if part.startswith("("):
            part = part[1]
            is_vowel = part in "AI" or part in _VOWELS
            if is_vowel == (suffix[-1] in _VOWELS if suffix else ends_in_vowel):
                continue  # a buffer vowel only after a consonant, a buffer consonant only after a vowel
        suffix += _harmonise(_last_vowel(suffix, last_vowel), part) if part in "AI" else part
    return suffix


def _attach(word: str, template: str) -> str:
    """The word with one suffix."""
    suffix = _suffix(_last_vowel(word), word[-1] in _VOWELS, template)
    if suffix and suffix[0] in _VOWELS and sum(c in _VOWELS for c in word) > 1:
        if word.endswith("q"):
            word = word[:-1] + "ğ"  # torpaq, torpağı
        elif word.endswith("k") and word[-2:-1] in _VOWELS:
            word = word[:-1] + "y"  # çörək, çörəyi
    return word + suffix


@cache
def azerbaijani_forms(stem: str, slots: tuple[tuple[str, ...], ...], third_person: str,
                       after_third_person: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Every form of a stem: each slot's suffix or none, in the slots' order."""
    pronominal = dict(after_third_person)
    forms = {(stem, "")}  # (form, the last suffix template)
    for slot in slots:
        added = set()
        for form, last in forms:
            for template in slot:
                if last == third_person:
                    template = pronominal.get(template, template)
                added.add((_attach(form, template), template))
        forms |= added
    return frozenset(form for form, _ in forms)
