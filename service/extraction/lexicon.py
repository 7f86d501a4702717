"""Word lists used by the extraction stages, loaded once from the data/ folder."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
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
HEAD_NOUN_KINDS = load_table("speaker_kinds")  # head noun of an unnamed speaker -> person | organization | group | document | other
PRONOUNS = load_table("pronouns")  # pronoun -> person | group | organization
GENDERED_WORDS = load_table("gendered_words")  # pronoun, honorific or noun -> male | female
FIRST_NAMES = load_table("first_names")  # given name -> male | female
REPORTING_NOUNS = load_words("reporting_nouns")
SPEAKER_NOUNS = load_words("speaker_nouns") | TITLE_WORDS | ORG_NOUNS | GROUP_NOUNS
#: Endings of nouns that name a person by what they do: baker, donor, lobbyist, attendant, gunman; not "statement".
PERSON_NOUN_ENDING = re.compile(r"(?:[a-z]{2}(?:er|or|ist|ian|ant|ee|aire|man|woman|person)|[a-z]{3}(?<!m)ent)$")


def is_person_noun(lemma: str) -> bool:
    """Tell whether a common noun (its lower-case lemma) names a person: "teacher", "spokeswoman", "tycoon"."""
    listed = HEAD_NOUN_KINDS.get(lemma)
    if listed is not None:
        return listed == "person"
    if lemma in ORG_NOUNS or lemma in GROUP_NOUNS:
        return False
    return lemma in SPEAKER_NOUNS or bool(PERSON_NOUN_ENDING.search(lemma))

TITLE_CLASSES = load_table("title_classes")
PORTFOLIOS = load_words("portfolios")  # "Secretary of State": what an office is of, part of the title
CABINET_TITLES = load_words("cabinet_titles")  # "the secretary of state": lower-case titles that take a portfolio
NO_REPORTED_CONTENT = load_words("no_reported_content")
#: Named-entity labels that can speak and that a stance can be about: people, organisations, places, groups.
SPEAKER_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SUBORDINATORS = load_words("subordinators")
DOCUMENT_NOUNS = load_words("document_nouns")
INVERTING_CUES = load_words("inverting_cues")
COMPARING_VERBS = load_words("comparing_verbs")  # "X compared Y to "Q"" reports; "compared with 23%" does not
UTTERANCE_NOUNS = load_words("utterance_nouns")  # "Lee's slogan is "Q"": words the owner said
ADDRESSED_VERBS = load_words("addressed_verbs")  # 'X was asked, "Q"': a passive subject spoken to, not speaking
IMAGE_NOUNS = load_words("image_nouns")  # "This photo shows X": a caption, not a report
SHARE_SUBJECTS = load_words("share_subjects")  # "most said", "others believe": a share of people speaks
NOT_SPEAKER_LABELS = load_words("not_speaker_labels")  # "Correction: ...", "Related: ...": a label, not a speaker
IRREGULAR_VERBS = load_table("irregular_verbs")  # "said" -> say: verb forms a headline's tagger misreads as names
CUE_PARTICLES = load_words("cue_particles")  # "Kent Sides With X": the word after a headline's verb that belongs to the cue
NOT_TOPICS = load_words("not_topics")  # "spoke on the record": a manner of speaking, not what was said about
SEEING_VERBS = load_words("seeing_verbs")  # "X sees Y as Z": a view whose content is "Y as Z"
FINDING_NOUNS = load_words("finding_nouns")  # "In the poll, CONTENT": the finding reports the rest of its sentence
CONCESSIVE_MARKS = load_words("concessive_marks")  # "..., even as costs rose": an aside after a reported content
OBJECT_PREPOSITIONS = load_words("object_prepositions")  # "blamed X for Y": the phrase belongs to the content
ORG_ALIASES = load_table("org_aliases")
FRAMING = load_table("framing")  # cue lemma -> neutral | distancing | endorsing | emphatic | tentative | critical
#: (lemmas, hedge | denial | booster), longest phrase first so "not aware" wins over "aware".
COMMITMENT_PHRASES = sorted(
    ((tuple(phrase.split()), kind) for phrase, kind in load_table("commitment").items()),
    key=lambda entry: -len(entry[0]),
)


@dataclass(frozen=True, slots=True)
class CueModel:
    """A logistic model over feature names, with the thresholds to add a candidate and to keep a hand-rule report."""

    weights: dict[str, float]
    add: float  # a learned candidate is reported when its probability is at least this
    drop: float  # a hand-rule report is left out when its probability is under this

    def probability(self, features: Iterable[str]) -> float:
        """Return the model's probability that a candidate with these features is an attribution."""
        score = sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def load_cue_model(name: str = "cue_model") -> CueModel:
    """Return data/<name>.tsv: '@add' and '@drop' thresholds, then one 'feature<TAB>weight' a line."""
    raw = resources.files(__package__).joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    weights: dict[str, float] = {}
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            feature, _, weight = line.rpartition("\t")
            weights[feature] = float(weight)
    return CueModel(weights, add=weights.pop("@add", 1.01), drop=weights.pop("@drop", 0.0))


CUE_MODEL = load_cue_model()  # scripts/learn_cues.py writes it from PolNeAR train
NAMING_WORDS = load_words("naming_words")  # 'called her "Miss Piggy"': a capitalised quote after these is still a quote
ELISIONS = load_words("elisions")  # "'em", "'til": a single mark before these is an apostrophe, not an opening mark
QUOTE_CLOSING_WORDS = load_words("quote_closing_words")  # "'thugs' and": after "s'" these show a closing mark

SPEAKING_MEDIA = load_words("speaking_media")  # "spoke on a radio show": where it was said, not what about
RECEIVED_STANCE_NOUNS = load_words("received_stance_nouns")  # "X drew criticism from Y": Y's view of X
STANCE_PHRASE_NOUNS = load_words("stance_phrase_nouns")  # "Lee voted in support of X": Lee's stance toward X
OPINION_NOUNS = load_words("opinion_nouns")  # "In Kent's view, CONTENT": Kent's view
AS_CLAUSE_NO_SOURCE_VERBS = load_words("as_clause_no_source_verbs")  # "As she spoke, ...": a time, not a source
TRAILING_PARTICLES = load_words("trailing_particles")  # "Lee shot back, \"Q\"": a particle after the verb that ends the words before a quote
CASTING_VERBS = load_words("casting_verbs")  # "X casts Y as Z": X presents Y as Z, read like "sees Y as Z"
SEEMING_WORDS = load_words("seeming_words")  # "the plan seems doomed": the writer's view, a content with no source
HEARSAY_ADVERBS = load_words("hearsay_adverbs")  # "Kent reportedly left": hearsay, a content with no source
COMPASS_WORDS = load_words("compass_words")  # "the North" stands for the one place the article names "North ..."
SOURCE_PREPOSITIONS = load_words("source_prepositions")  # "according to X" names a source: never the content of a learned cue
DOCUMENT_VERBS = load_words("document_verbs")  # '"Q," the email read': the verb a document gives its words with
NO_OBJECT_CONTENT_VERBS = load_words("no_object_content_verbs")  # "Kent found a way": the object is no reported content
EXPERIENCER_PASSIVES = load_words("experiencer_passives")  # "Voters are split on X": a passive whose subject holds the view
CALLING_VERBS = load_words("calling_verbs")  # "X called Y unlawful": the object and its predicate are X's view of Y
WORK_NOUNS = load_words("work_nouns")  # 'the documentary "Weiner."': a one-word quote after these is a title


_VERB_ENDINGS = (("ies", "y"), ("ied", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""), ("d", ""))


def lemma_of_form(word: str, *, known: Collection[str]) -> str:
    """Return the lemma of a verb form by its ending ("Slams" -> slam, "replied" -> reply), if ``known`` has it, else the word."""
    lower = word.lower()
    if lower in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[lower]
    for suffix, replacement in _VERB_ENDINGS:
        if lower.endswith(suffix) and (stem := lower[: -len(suffix)] + replacement) in known:
            return stem
    return lower
