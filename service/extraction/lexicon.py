"""Word lists used by the extraction stages, loaded once from the data/ folder."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


@cache
def load_words(name: str) -> frozenset[str]:
    """Return the lower-cased entries of data/<name>.txt (one per line, # comments)."""
    raw = resources.files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip().lower() for line in raw.splitlines())
    return frozenset(entry for entry in entries if entry)


NAME_MINOR_WORDS = load_words("name_minor_words")


@cache
def load_table(name: str) -> dict[str, str]:
    """Return data/<name>.tsv as a mapping of its first column to its second, lower-cased."""
    raw = resources.files(__package__).joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            key, _, value = line.partition("\t")
            table[key.strip().lower()] = value.strip().lower()
    return table


REPORTING_VERBS = load_table("reporting_verbs")  # lemma -> speech | thought | writing
POSITION_VERBS = {**load_table("stance_verbs"), **REPORTING_VERBS}  # reporting verbs plus endorse, oppose, decide ...
TITLE_WORDS = load_words("titles")
HONORIFICS = load_words("honorifics")
DEMONYMS = {key: value.title() for key, value in load_table("demonyms").items()}
ORG_NOUNS = load_words("org_nouns")
GROUP_NOUNS = load_words("group_nouns")
PRONOUNS = load_table("pronouns")  # pronoun -> person | group | organization
REPORTING_NOUNS = load_words("reporting_nouns")
SPEAKER_NOUNS = load_words("speaker_nouns") | TITLE_WORDS | ORG_NOUNS | GROUP_NOUNS
TITLE_CLASSES = load_table("title_classes")
NO_REPORTED_CONTENT = load_words("no_reported_content")
ORG_ALIASES = load_table("org_aliases")
FRAMING = load_table("framing")  # cue lemma -> neutral | distancing | endorsing | emphatic | tentative | critical
#: (lemmas, hedge | denial | booster), longest phrase first so "not aware" wins over "aware".
COMMITMENT_PHRASES = sorted(
    ((tuple(phrase.split()), kind) for phrase, kind in load_table("commitment").items()),
    key=lambda entry: -len(entry[0]),
)


@dataclass(frozen=True, slots=True)
class LearnedCue:
    """A row of data/learned_cues.tsv: add the key's candidates or drop its hand-rule reports, and why."""

    action: str  # add | drop
    precision: float  # share of the key's contents that matched a gold attribution on PolNeAR train
    support: int  # how many contents the key gave on train


@cache
def load_learned_cues(name: str = "learned_cues") -> dict[str, LearnedCue]:
    """Return data/<name>.tsv (action, key, precision, support; # comments) as key -> LearnedCue."""
    raw = resources.files(__package__).joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    table: dict[str, LearnedCue] = {}
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            action, key, precision, support = line.split("\t")
            table[key] = LearnedCue(action, float(precision), int(support))
    return table


LEARNED_CUES = load_learned_cues()  # "lemma|POS|construction|speaker role" -> LearnedCue
