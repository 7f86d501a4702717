"""Stage 4: resolve each speaker mention to one canonical person or organisation.

A name joins the full name it is part of ("Mr. Kirby" -> "John Kirby", also
family-name-first "Yoo" -> "Yoo Sang-bum"); a pronoun goes to the most recent
person who was the subject of a clause before it, skipping people of the other
gender for "he" and "she" (known from an honorific, a gendered noun, a first
name or a pronoun resolved to them before); a nominal ("the ambassador")
goes to the named person holding that title, where the article says who it is.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .lexicon import (
    COMPASS_WORDS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    FIRST_NAMES,
    GENDERED_WORDS,
    GROUP_NOUNS,
    HEAD_NOUN_KINDS,
    HONORIFICS,
    ORG_ALIASES,
    ORG_NOUNS,
    PRONOUNS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    SPEAKER_NOUNS,
    TITLE_CLASSES,
    TITLE_WORDS,
    UTTERANCE_NOUNS,
    is_person_noun,
)
from .attribution import antecedent_of, mention_of
from .confidence import calibrate
from .parse import children, entities_in, is_title_case, lefts
from .roles import party_role, role_in_apposition, role_of_nominal, roles_before
from .types import SPEAKER_KIND_NAMES, Attribution, Quote, Role, Span, Speaker, SpeakerKind

_ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
_NAMED_AS_OTHERS = frozenset({"ORG", "GPE", "FAC", "NORP", "LOC"})  # labels NER gives some people's names ("Carly Fiorina": ORG)
_WORK_LABELS = frozenset({"WORK_OF_ART", "LAW"})  # "the Affordable Care Act says", "Meet the Press" reported
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_ANTECEDENT_WINDOW = 2500  # characters a pronoun may reach back for its antecedent
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ACRONYM = re.compile(r"\(([A-Z][A-Z.&-]{1,9})\)")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_HEADLINE_CHARS = 300  # longest line read as a headline
_WORDS_OF_THE_OWNER = DOCUMENT_NOUNS | UTTERANCE_NOUNS | REPORTING_NOUNS  # "Lee's statement" speaks for Lee
_GENDER_REACH = 2  # tokens before a name searched for an honorific or gendered noun ("Congresswoman Jane Lee")


@dataclass
class _Entity:
    """A cluster of mentions that name one person or organisation."""

    key: str
    name: str
    kind: SpeakerKind
    mentions: list[Span] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    quote_ids: list[str] = field(default_factory=list)
    gender_marks: dict[str, int] = field(default_factory=dict)  # male | female -> mentions marking it
    pronoun_gender: str | None = None  # the gender of the first "he" or "she" resolved to this person

    @property
    def gender(self) -> str | None:
        """Return the gender most of the mentions mark, else the one a resolved pronoun gave, else None."""
        male, female = self.gender_marks.get("male", 0), self.gender_marks.get("female", 0)
        if male != female:
            return "male" if male > female else "female"
        return self.pronoun_gender


@dataclass(frozen=True, slots=True)
class _Named:
    """One named mention of a cluster in the text."""

    key: str
    start: int
    end: int
    is_subject: bool
    kind: SpeakerKind


def canonical_name(text: str) -> str:
    """Strip honorifics, possessives and spacing from a name ("Mr. Kirby's" -> "Kirby")."""
    words = _POSSESSIVE.sub("", text.strip()).split()
    while len(words) > 1 and (words[0].lower() in HONORIFICS or words[0].lower() in TITLE_WORDS):
        words = words[1:]
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words)


def person_name(entity: SpacySpan, *, text: str) -> str:
    """Return a person entity's canonical name, cut to its name words on a headline (`name_words`); ``text`` is the doc's."""
    return canonical_name(name_words(entity, text=text).text)


def name_words(entity: SpacySpan, *, text: str) -> SpacySpan:
    """Return the words of a person entity that name someone, cut on a title-case headline line.

    A title-case headline ("Lee Says She Never Met Him", "Voters To Condemn Tom Lee") is often read as one
    PERSON entity; its name drops leading stop words, reporting verbs and any word before a given name,
    and ends before the next word that is a stop word or a reporting verb's form. ``text`` is the doc's text (``Doc.text`` joins every token).
    """
    if not _on_title_case_line(entity, text=text):
        return entity
    doc, start, end = entity.doc, entity.start, entity.end
    while end - start > 1 and _not_a_name_word(doc[start], first=True):
        start += 1
    while end - start > 2 and doc[start].lower_ not in FIRST_NAMES and doc[start + 1].lower_ in FIRST_NAMES:
        start += 1  # "Rip Donald Trump", "Billionaire Donald Trump": a headline word before a given name
    cut = next((i for i in range(start + 1, end) if _not_a_name_word(doc[i])), end)
    return doc[start:cut]


def _not_a_name_word(token: Token, *, first: bool = False) -> bool:
    """Tell whether a headline word cannot belong to a name: a stop word or a reporting verb's form."""
    lower = token.lower_
    return token.is_stop or _headline_verb_form(lower) or first and lower in REPORTING_VERBS


def _on_title_case_line(entity: SpacySpan, *, text: str) -> bool:
    """Tell whether an entity stands on a title-case line (``is_title_case``) no longer than a headline."""
    start = text.rfind("\n", 0, entity.start_char) + 1
    end = text.find("\n", entity.end_char)
    end = end if end >= 0 else len(text)
    if end - start > _HEADLINE_CHARS:
        return False  # a paragraph, not a headline (and no reading of a long line for each of its names)
    return is_title_case(_WORD.findall(text[start:end]))


def _headline_verb_form(word: str) -> bool:
    """Tell whether a word is a reporting verb's third-person form ("says", "claims")."""
    return word.endswith("s") and word[:-1] in REPORTING_VERBS


def _owner_only(entity: SpacySpan, mention: SpacySpan) -> bool:
    """Tell whether a person only owns the people a mention names ("Lee's spokeswoman", "Lee's campaign", "Lee's lawyers")."""
    head = mention.root
    if entity.root.dep_ != "poss" or entity.start <= head.i < entity.end or head.pos_ != "NOUN":
        return False
    lemma = head.lemma_.lower()
    return lemma in SPEAKER_NOUNS and lemma not in _WORDS_OF_THE_OWNER  # "Lee's tweets" are still Lee's words


def organisation_name(text: str) -> str:
    """Return an organisation's canonical name, without a leading nationality ("South Korean NIS" -> "NIS")."""
    name = canonical_name(text)
    words = name.split()
    for size in (2, 1):
        if len(words) > size + 1 and " ".join(words[:size]).lower() in DEMONYMS:
            return " ".join(words[size:])
    return name


def initials(name: str) -> str:
    """Return the capitals that start a name's words, as an acronym spells them ("Central News Agency" -> "CNA")."""
    return "".join(word[0] for word in name.split() if word[0].isupper())


def name_key(name: str) -> str:
    """Return the matching key of a name: lower case, hyphens and dots dropped."""
    return re.sub(r"[-.‐]", "", name.lower())


class SpeakerResolver:
    """Resolve the mentions of one document; build the speakers list as quotes are added."""

    def __init__(self, doc: Doc, *, quoted: Sequence[bool]) -> None:
        """Index every named person and organisation of the document."""
        self.doc = doc
        self.text = doc.text
        self.quoted = quoted
        self.entities: dict[str, _Entity] = {}
        self._key_at: dict[int, str] = {}  # where a person's name starts -> the key of the full name it joined
        self.named: list[_Named] = []
        self._index_names()
        self.named.sort(key=lambda named: named.start)
        self._named_starts = [named.start for named in self.named]
        self._longest_name = max((named.end - named.start for named in self.named), default=0)
        self._named_by_entity: dict[int, list[_Named]] = {}
        for named in self.named:
            if named.key in self.entities:  # a missed surname may point at a full name no entity took
                self._named_by_entity.setdefault(id(self.entities[named.key]), []).append(named)
        self._person_keys_by_part: dict[str, list[str]] = {}
        self._starts_by_key: dict[str, list[int]] = {}  # where each person is named, filled as lone surnames need it
        for key in self.entities:
            if key.startswith("p:"):
                for part in dict.fromkeys(key[2:].split()):
                    self._person_keys_by_part.setdefault(part, []).append(key)

    def _index_names(self) -> None:
        """Cluster PERSON entities by full name and organisations by their text."""
        doc = self.doc
        words_of = {e.start: name_words(e, text=self.text) for e in doc.ents if is_person_entity(e)}
        name_of = {start: canonical_name(words.text) for start, words in words_of.items()}
        persons = [e for e in doc.ents if e.start in name_of and name_of[e.start]]
        full_names: list[str] = []
        full_keys: set[str] = set()
        for entity in persons:
            name = name_of[entity.start]
            if len(name.split()) >= 2 and name_key(name) not in full_keys:
                full_names.append(name)
                full_keys.add(name_key(name))
        matcher = FullNameMatcher(full_names)
        for entity in persons:
            name = name_of[entity.start]
            marked = gender_marked_at(entity)
            full = matcher.match(name, gender=marked)
            key = "p:" + name_key(full)
            record = self.entities.setdefault(key, _Entity(key, full, "person"))
            words = words_of[entity.start]
            self._key_at[entity.start_char] = self._key_at[words.start_char] = key
            self._add_roles(record, entity)
            if marked:
                record.gender_marks[marked] = record.gender_marks.get(marked, 0) + 1
            self._add_named(key, words, "person")
        for record in self.entities.values():
            given = gender_of_given_name(record.name)
            if given:
                record.gender_marks[given] = record.gender_marks.get(given, 0) + 1
        self._index_missed_surnames(full_names)
        for entity in doc.ents:
            if entity.label_ in ("ORG",) and canonical_name(entity.text) and not is_person_entity(entity):
                surname_of = self._surname_of_full_name(entity, matcher)
                if surname_of is not None:
                    self._key_at[entity.start_char] = surname_of  # "Trump" read as an organisation
                    self._add_named(surname_of, entity, "person")
                    continue
                name = organisation_name(entity.text)
                key = "o:" + name_key(name)
                record = self.entities.setdefault(key, _Entity(key, name, "organization"))
                written = self._written_name(entity, stripped=name)
                if len(written) > len(record.name):
                    record.name = written
                self._add_named(key, entity, "organization")
                self._alias_acronym(entity, key)

    def _surname_of_full_name(self, entity: SpacySpan, matcher: FullNameMatcher) -> str | None:
        """Return the person key of a one-word organisation that is a known person's name ("Trump"), or None."""
        name = canonical_name(entity.text)
        if not _reads_as_surname(name):
            return None
        full = matcher.match(name)
        key = "p:" + name_key(full)
        return key if " " in full and key in self.entities else None

    def _written_name(self, entity: SpacySpan, *, stripped: str) -> str:
        """Return an organisation's name as written, with its nationality ("American Civil Liberties Union").

        The nationality goes only when an acronym after the name spells the rest of it
        ("South Korean National Intelligence Service (NIS)" -> "National Intelligence Service").
        """
        following = self.text[entity.end_char : entity.end_char + 14]
        match = _ACRONYM.match(following.lstrip())
        if match and initials(stripped) == match.group(1).replace(".", ""):
            return stripped
        return canonical_name(entity.text)

    def _index_missed_surnames(self, full_names: Sequence[str]) -> None:
        """Count a lone capitalised word that NER missed as a mention when it is a known person's name."""
        parts = {name_key(full).split()[-1]: "p:" + name_key(full) for full in full_names}
        for token in self.doc:
            key = parts.get(name_key(token.text))
            if key and token.pos_ == "PROPN" and token.ent_iob_ == "O" and not self.quoted[token.i]:
                self.named.append(_Named(key, token.idx, token.idx + len(token), False, "person"))

    def _alias_acronym(self, entity: SpacySpan, key: str) -> None:
        """Point "NIS" at "National Intelligence Service" when written "(NIS)" after it."""
        following = self.text[entity.end_char : entity.end_char + 14]
        match = _ACRONYM.match(following.lstrip())
        if match:
            self.entities.setdefault("o:" + name_key(match.group(1)), self.entities[key])

    def _add_roles(self, record: _Entity, entity: SpacySpan) -> None:
        """Collect the roles written around one mention of a person."""
        start = entity.start
        while start < entity.end - 1 and self.doc[start].lower_ in TITLE_WORDS | HONORIFICS:
            start += 1
        for role in (*roles_before(self.doc, start), role_in_apposition(self.doc, entity), party_role(self.text, entity.end_char)):
            if role:
                add_role(record.roles, role)

    def _add_named(self, key: str, entity: SpacySpan, kind: SpeakerKind) -> None:
        """Remember a named mention for pronoun and nominal resolution."""
        if self.quoted[entity.root.i]:
            return
        root = entity.root
        is_subject = root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ == "nsubj")
        self.named.append(_Named(key, entity.start_char, entity.end_char, is_subject, kind))

    def resolve(self, mention: Span) -> _Entity:
        """Return the cluster a speaker mention belongs to, creating one if needed."""
        text = mention.text
        lower = text.lower()
        if lower in PRONOUNS:
            gender = GENDERED_WORDS.get(lower)
            candidates = self._candidates(mention.start, kind=PRONOUNS[lower])
            found = self._antecedent(candidates, gender=gender)
            if found:
                if found.gender is None and gender is not None and self.entities.get(candidates[-1].key) is found:
                    found.pronoun_gender = gender  # the last person named, and the last subject too
                return found
            return self._unnamed(text, PRONOUNS[lower])
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        antecedent = antecedent_of(span.root) if span is not None and lower in ("who", "that", "which") else None
        if antecedent is not None:
            found = self.resolve(mention_of(antecedent))
            if lower == "who" and found.kind == "other":
                found.kind = "person"  # "a blowhard who said": "who" stands for people
            return found
        if span is not None:
            for entity in entities_in(span):
                if is_person_entity(entity) and canonical_name(entity.text) and not _owner_only(entity, span):
                    name = canonical_name(entity.text)
                    indexed = self._key_at.get(entity.start_char)
                    for key in (*([indexed] if indexed else []), "p:" + name_key(name), *self._keys_for_part(name)):
                        if key in self.entities:
                            return self.entities[key]
            name = canonical_name(text)
            one_word = bool(name) and name[0].isupper() and len(name.split()) == 1
            tagged_org = span.root.ent_type_ in _ORG_LABELS
            person = self._person_of_surname(name, mention, tagged_org=tagged_org) if one_word and (not tagged_org or _reads_as_surname(name)) else None
            if person is not None:
                return person  # "Baerbock", even where NER took it for an organisation
            if span.root.ent_type_ in _ORG_LABELS:
                key = "o:" + name_key(organisation_name(text))
                if key in self.entities:
                    return self.entities[key]
            if one_word:
                place = self._place_of_compass_word(name)
                if place is not None:
                    return self.resolve(place)
            nominal = self._holder_of_title(span, before=mention.start) or self._named_organisation(span)
            if nominal:
                return nominal
            unnamed = self._unnamed(canonical_name(text) or text, _kind_of_nominal(span))
            role = role_of_nominal(self.doc, span.root) if unnamed.kind == "person" else None
            if role is not None:
                add_role(unnamed.roles, role)  # "a White House spokesman": spokesman, White House
            return unnamed
        return self._unnamed(text, "person")

    def named_mentions(self, entity: _Entity) -> list[Span]:
        """Return the places outside quotes where the article names this person or organisation."""
        text = self.text
        return [Span(text[n.start : n.end], n.start, n.end) for n in self._named_by_entity.get(id(entity), [])]

    def _names_around(self, mention: Span) -> set[str]:
        """Return the keys of names that run past this mention on either side, where it stands.

        A title-case headline ("Warren Slams Tax Plan") is often read as one name; the attribution
        found the speaker's own word inside it, so that name is not the speaker's.
        """
        first = bisect.bisect_left(self._named_starts, mention.start - self._longest_name)
        last = bisect.bisect_right(self._named_starts, mention.start)
        return {
            named.key
            for named in self.named[first:last]
            if named.start <= mention.start and mention.end <= named.end and named.end - named.start > len(mention.text)
        }

    def _person_of_surname(self, name: str, mention: Span, *, tagged_org: bool) -> _Entity | None:
        """Return the person a single name stands for: of the full names holding it, the one named last before it.

        A word NER took for an organisation goes to a person only with a full name of two words or more.
        """
        keys = [key for key in self._keys_for_part(name) if key not in self._names_around(mention)]
        if tagged_org:
            keys = [key for key in keys if " " in key]
        if not keys:
            return None
        if len(keys) == 1:
            return self.entities[keys[0]]
        return self.entities[max(reversed(keys), key=lambda key: self._last_named_before(key, mention.start))]

    def _last_named_before(self, key: str, position: int) -> int:
        """Return where the person of ``key`` was last named before ``position`` (-1 if not before it)."""
        starts = self._starts_by_key.get(key)
        if starts is None:  # built once per person, so that many lone surnames stay linear
            starts = self._starts_by_key[key] = [named.start for named in self._named_by_entity.get(id(self.entities[key]), ())]
        index = bisect.bisect_left(starts, position)
        return starts[index - 1] if index else -1

    def _keys_for_part(self, name: str) -> list[str]:
        """Return the person keys whose full name contains this single name."""
        return list(self._person_keys_by_part.get(name_key(name), []))

    def _candidates(self, position: int, *, kind: str) -> list[_Named]:
        """Return the named mentions of that kind a pronoun at ``position`` may stand for, in text order."""
        first = bisect.bisect_left(self._named_starts, position - _ANTECEDENT_WINDOW - self._longest_name)
        last = bisect.bisect_right(self._named_starts, position)
        nearby = self.named[first:last]
        candidates = [n for n in nearby if n.end <= position and position - n.end < _ANTECEDENT_WINDOW]
        return [n for n in candidates if kind != "person" or n.kind == "person"]

    def _antecedent(self, candidates: Sequence[_Named], *, gender: str | None) -> _Entity | None:
        """Return the most recent subject among the candidates, skipping people of the other gender."""
        if gender is not None:
            candidates = [n for n in candidates if self._gender_of_key(n.key) in (None, gender)]
        subjects = [n for n in candidates if n.is_subject]
        chosen = (subjects or candidates)[-1:]
        return self.entities.get(chosen[0].key) if chosen else None

    def _gender_of_key(self, key: str) -> str | None:
        """Return the gender known for the person with this key, or None."""
        entity = self.entities.get(key)
        return entity.gender if entity is not None else None

    def _holder_of_title(self, span: SpacySpan, *, before: int) -> _Entity | None:
        """Return the named person whose role has the nominal's head word, if the article says."""
        role = role_of_nominal(self.doc, span.root)
        if role is None:
            return None
        wanted = title_class(role.title)
        holders = [
            e
            for e in self.entities.values()
            if e.kind == "person" and not e.key.startswith("u:") and any(title_class(r.title) == wanted for r in e.roles)
        ]  # named people only: "another official" is not the unnamed "a Pentagon official" before it
        holders = list({id(holder): holder for holder in holders}.values())
        if len(holders) != 1 and role.affiliation:
            holders = [e for e in holders if any(r.affiliation == role.affiliation for r in e.roles)]
        if len(holders) == 1:
            add_role(holders[0].roles, role)
            return holders[0]
        return None

    def _place_of_compass_word(self, word: str) -> Span | None:
        """Return the first mention of the one place named "North ..." that "the North" stands for, if one."""
        if word.lower() not in COMPASS_WORDS:
            return None
        places: dict[str, SpacySpan] = {}
        for entity in self.doc.ents:
            name = canonical_name(entity.text)
            if entity.label_ in _PLACE_LABELS and len(name.split()) >= 2 and name.split()[0] == word:
                places.setdefault(name_key(name), entity)
        if len(places) != 1:
            return None
        entity = next(iter(places.values()))
        return Span(entity.text, entity.start_char, entity.end_char)

    def _named_organisation(self, span: SpacySpan) -> _Entity | None:
        """Return the one named organisation a description fits ("the spy agency" -> "... Intelligence Service")."""
        head = span.root
        words = [t.lower_ for t in lefts(head) if t.dep_ == "compound"] + [head.lower_]
        keyword = ORG_ALIASES.get(" ".join(words[-2:])) or ORG_ALIASES.get(head.lower_)
        if keyword is None:
            return None
        found = {id(e): e for e in self.entities.values() if e.kind == "organization" and keyword in e.name.lower().split()}
        return next(iter(found.values())) if len(found) == 1 else None

    def _unnamed(self, name: str, kind: str) -> _Entity:
        """Return a cluster for a speaker the article never names."""
        key = "u:" + name.lower()
        speaker_kind: SpeakerKind = kind if kind in SPEAKER_KIND_NAMES else "person"  # type: ignore[assignment]
        return self.entities.setdefault(key, _Entity(key, name, speaker_kind))


def build_quotes(attributions: Sequence[Attribution], *, resolver: SpeakerResolver, text: str) -> tuple[list[Quote], list[Speaker]]:
    """Number the quotes, resolve their speakers and list each speaker once."""
    rows: list[tuple[str, Attribution, _Entity | None]] = []
    order: list[_Entity] = []
    known: dict[int, set[Span]] = {}
    for number, attribution in enumerate(attributions, start=1):
        quote_id = f"q{number}"
        entity = resolver.resolve(attribution.mention) if attribution.mention else None
        if entity is not None:
            if id(entity) not in known:
                order.append(entity)
                known[id(entity)] = set(entity.mentions)
            entity.quote_ids.append(quote_id)
            if attribution.mention not in known[id(entity)]:
                entity.mentions.append(attribution.mention)
                known[id(entity)].add(attribution.mention)
        rows.append((quote_id, attribution, entity))
    for entity in order:
        overlaps = _overlap_finder(entity.mentions)
        entity.mentions.extend(named for named in resolver.named_mentions(entity) if not overlaps(named))
    ids = {id(entity): f"s{index}" for index, entity in enumerate(order, start=1)}
    speakers = [
        Speaker(
            id=ids[id(entity)],
            name=entity.name,
            kind=entity.kind,
            roles=tuple(entity.roles),
            mentions=tuple(sorted(entity.mentions, key=lambda m: m.start)),
            quote_ids=tuple(entity.quote_ids),
        )
        for entity in order
    ]
    built = [
        Quote(
            id=quote_id,
            kind=attribution.kind,
            text=text[attribution.span.start : attribution.span.end],
            start=attribution.span.start,
            end=attribution.span.end,
            paragraph=attribution.span.paragraph,
            speaker_id=ids[id(entity)] if entity is not None else None,
            mention=attribution.mention,
            cue=attribution.cue,
            confidence=calibrate(attribution, speaker_name=entity.name if entity is not None else None),
        )
        for quote_id, attribution, entity in rows
    ]
    return built, speakers


def _overlap_finder(spans: Sequence[Span]) -> Callable[[Span], bool]:
    """Return a test of whether a span overlaps any of ``spans`` (a binary search over their starts)."""
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    reach = list(itertools.accumulate((s.end for s in ordered), max))

    def overlaps(span: Span) -> bool:
        """Tell whether ``span`` shares a character with one of the spans."""
        before = bisect.bisect_left(starts, span.end)
        return before > 0 and reach[before - 1] > span.start

    return overlaps


def title_class(title: str) -> str:
    """Return the class of office a title names: 'Rep.' and 'lawmaker' are both 'lawmaker'."""
    head = title.split()[-1].lower() if title.split() else ""
    return TITLE_CLASSES.get(head, head)


def add_role(roles: list[Role], role: Role) -> None:
    """Add a role unless one with the same title is known; a role with an affiliation replaces one without."""
    for index, known in enumerate(roles):
        if known.title.lower() == role.title.lower() or known.title.lower().endswith(role.title.lower()):
            if known.affiliation is None and role.affiliation is not None:
                roles[index] = role
            return
    roles.append(role)


class FullNameMatcher:
    """Find the full name a short name belongs to, by dictionary lookups instead of a scan of every full name.

    A name belongs to the first full name (in article order) that it equals, whose first or last
    word it is (a single word), whose last words it is, or that it spells without spaces; a name
    marked as a man's or a woman's ("Mr. Lee") skips full names whose given name is the other's.
    """

    def __init__(self, full_names: Sequence[str]) -> None:
        """Index each full name by its key, end words, shorter endings and spelling without spaces."""
        self.full_names = list(full_names)
        self._keys: dict[str, int] = {}
        self._end_words: dict[str, list[int]] = {}
        self._endings: dict[tuple[str, ...], list[int]] = {}
        self._joined: dict[str, int] = {}
        for number, full in enumerate(self.full_names):
            key = name_key(full)
            words = key.split()
            self._keys.setdefault(key, number)
            if len(words) >= 2:
                self._end_words.setdefault(words[0], []).append(number)
                self._end_words.setdefault(words[-1], []).append(number)
            for size in range(1, len(words)):
                self._endings.setdefault(tuple(words[-size:]), []).append(number)
            if words:
                self._joined.setdefault("".join(words), number)

    def match(self, name: str, *, gender: str | None = None) -> str:
        """Return the full name that ``name`` belongs to (one of ``gender`` if given and known), or ``name`` itself."""
        key = name_key(name)
        words = key.split()
        numbers = [number for number in (self._keys.get(key), self._joined.get("".join(words))) if number is not None]
        if len(words) == 1:
            numbers.extend(self._end_words.get(words[0], ()))
        if words:
            numbers.extend(self._endings.get(tuple(words), ()))
        if gender is not None:
            numbers = [n for n in numbers if gender_of_given_name(self.full_names[n]) in (None, gender)]
        return self.full_names[min(numbers)] if numbers else name


def gender_marked_at(entity: SpacySpan) -> str | None:
    """Return the gender an honorific or a gendered noun marks at one mention of a person, or None.

    The word may open the name ("Mrs. Lee", "Congresswoman Jane Lee"), stand just before it ("the
    businessman John Lee") or head an apposition ("Lee, a mother of two," / "his wife, Ana Lee").
    """
    doc = entity.doc
    for i in range(entity.start, max(-1, entity.start - _GENDER_REACH - 1), -1):
        token = doc[i]
        if i < entity.start and (token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "PRON")):
            break
        modifies_name = i >= entity.start or entity.start <= token.head.i < entity.end
        if modifies_name and token.lower_ in GENDERED_WORDS and token.pos_ != "PRON":
            return GENDERED_WORDS[token.lower_]
    root = entity.root
    if any(c.dep_ == "conj" for c in children(root)):
        return None  # "X and Y, Z's wife": the apposition may belong to Y
    appositions = [c for c in children(root) if c.dep_ == "appos"]
    if root.dep_ == "appos":
        appositions.append(root.head)
    for head in appositions:
        if head.pos_ == "NOUN" and head.lower_ in GENDERED_WORDS:
            return GENDERED_WORDS[head.lower_]
    return None


def _reads_as_surname(name: str) -> bool:
    """Tell whether one word an organisation label was given can be a surname: "Trump", "TRUMP", not "U.N." or "FBI"."""
    return name.isalpha() and (name.istitle() or (name.isupper() and len(name) > 4))


def is_person_entity(entity: SpacySpan) -> bool:
    """Tell whether an entity is a person: NER's PERSON, or a given name and a surname it labelled otherwise ("Carly Fiorina")."""
    if entity.label_ == "PERSON":
        return True
    words = entity.text.split()
    return (
        entity.label_ in _NAMED_AS_OTHERS
        and len(words) == 2
        and len(words[0]) > 2  # not "Al Qaeda"
        and words[0].lower() in FIRST_NAMES
        and all(word.isalpha() and word.istitle() for word in words)
        and words[1].lower() not in ORG_NOUNS
    )


def gender_of_given_name(name: str) -> str | None:
    """Return the gender a full name's given name marks ("Jane Lee" -> female), or None for one word or an unknown name."""
    words = name.split()
    return FIRST_NAMES.get(words[0].lower()) if len(words) >= 2 else None


def _kind_of_nominal(span: SpacySpan) -> SpeakerKind:
    """Tell what kind of speaker an unnamed mention is from its head word (see data/speaker_kinds.tsv)."""
    head = span.root
    word, lemma = head.lower_, head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS")
    if head.ent_type_ == "NORP" and word not in ORG_NOUNS:
        return "group" if plural else "person"  # "Democrats said", "one Republican said"
    if word in ORG_NOUNS or head.ent_type_ in _ORG_LABELS:
        return "organization"
    if head.ent_type_ in _WORK_LABELS:
        return "document"
    if word in GROUP_NOUNS:
        return "group"
    listed = HEAD_NOUN_KINDS.get(word) or HEAD_NOUN_KINDS.get(lemma)
    if listed is None and (is_person_noun(lemma) or _reads_as_name(head)):
        listed = "person"
    if listed == "person" and plural:
        return "group"  # "two women", "students"
    if listed:
        return listed  # type: ignore[return-value]
    return "group" if plural or head.like_num else "other"


def _reads_as_name(token: Token) -> bool:
    """Tell whether a word the tagger left as a common noun is capitalised like a surname ("Hannity said", "D’Souza")."""
    return token.pos_ == "PROPN" or (token.is_title and (not token.is_sent_start or "’" in token.text or "'" in token.text))
