"""Stage 5: read a person's title and affiliation from the words around a name.

Four places hold a role: the pre-modifier ("Russian Defense Minister Sergei
Shoigu"), an apposition ("Alexander Matsegora, Russian ambassador to North
Korea,"), a possessive ("Russia's defense minister") and a party tag ("Sen. Ann
Lee (D-N.M.)").  The title is kept apart from the affiliation, which is a place,
party or organisation.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .lexicon import CABINET_TITLES, DEMONYMS, ORG_NOUNS, PORTFOLIOS, TITLE_WORDS, is_person_noun
from .parse import children, entity_bounds, lefts, rights
from .types import Role

_AFFILIATION_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_OF_PREPOSITIONS = frozenset({"for", "of", "at", "with", "from"})
#: A party and state tag right after a name: "Sen. Ann Lee (D-N.M.)", "Speaker Tom Reed, R-Wis., said".
_PARTY_TAG = re.compile(r"\s*(?:\(|,\s*)([DRI])-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)(?=\)|,)")
#: Party letter -> (title, affiliation) of the role the tag gives.
_PARTIES = {"D": ("Democrat", "Democratic Party"), "R": ("Republican", "Republican Party"), "I": ("independent", None)}
#: Nouns that name a person without saying what they do: no role ("the first woman to ...").
_PLAIN_PEOPLE = frozenset({"person", "man", "woman", "child", "kid", "boy", "girl", "guy", "lady", "individual", "one"})
_SKIPPED = frozenset(
    {"the", "a", "an", "ruling", "former", "then", "acting", "top", "senior", "longtime", "potential", "current"}
    | {"our", "his", "her", "their", "its", "my", "your"}
)


def roles_before(doc: Doc, start: int) -> list[Role]:
    """Return the roles written right before a name that starts at token ``start``.

    An honorific right before the name after another title is a role of its own: "Committee
    Chairman Rep. Tom Reed" gives "Chairman" (Committee) and "Rep.".
    """
    honorific = start - 1
    if honorific > 0 and doc[honorific].text.endswith(".") and _is_title(doc[honorific]) and _is_title(doc[honorific - 1]):
        before = _role_before(doc, honorific)
        return [role for role in (before, _role_from_tokens(doc, honorific, start)) if role is not None]
    role = _role_before(doc, start)
    return [role] if role is not None else []


def _role_before(doc: Doc, start: int) -> Role | None:
    """Return the one role written right before token ``start``."""
    run = start
    while run > 0 and (
        _can_premodify(doc[run - 1]) or _is_portfolio(doc[run - 1], before=start) or _joins_office(doc, run - 1, before=start)
    ):
        run -= 1
    first = run
    while first < start and not _is_title(doc[first]) and not _is_affiliation(doc[first]):
        first += 1
    while first > run and _is_portfolio(doc[first - 1], before=start):
        first -= 1  # "Health Minister", "Press Secretary": the word that names the office is part of the title
    if first == run:
        first = _organisation_noun_before(doc, first)
    return _role_from_tokens(doc, first, start)


def _organisation_noun_before(doc: Doc, first: int) -> int:
    """Return where an organisation noun compounded onto the title at ``first`` starts ("city council" of "city council member")."""
    noun = doc[first - 1] if first > 0 else None
    if noun is None or noun.lower_ not in ORG_NOUNS or noun.dep_ != "compound" or noun.head.i < first:
        return first
    start = noun.i
    while start > 0 and doc[start - 1].dep_ == "compound" and not doc[start - 1].is_punct and start <= doc[start - 1].head.i <= first:
        start -= 1  # "Clinton campaign", "city council"
    if doc[start].ent_iob_ == "I":
        return first  # an entity that runs on from before ("Obama, party"): no clean phrase to take
    return start


def _is_portfolio(token: Token, *, before: int) -> bool:
    """Tell whether a capitalised noun is compounded onto a title word of the same phrase ("Health" of "Health Minister")."""
    return (
        token.dep_ == "compound"
        and token.pos_ in ("NOUN", "PROPN")
        and token.i < token.head.i < before
        and not token.ent_type_  # "Clinton spokesman": a name is whom he speaks for, not his office
        and not _is_affiliation(token)
        and not _is_title(token)
        and token.lower_ not in ORG_NOUNS  # "Party spokesman": the party is whom he speaks for
    )


def role_of_nominal(doc: Doc, head: Token) -> Role | None:
    """Return the role named by a nominal mention ("Russia's defense minister")."""
    if not _is_title(head):
        return None
    start = min([head.i, *(c.left_edge.i for c in lefts(head) if c.dep_ in ("compound", "amod", "poss", "nmod"))])
    while start < head.i and doc[start].lower_ in _SKIPPED:
        start += 1  # "a senior Pentagon official": Pentagon, official
    return _role_from_tokens(doc, start, head.i + 1, extend_prepositions=True)


def party_role(text: str, end: int) -> Role | None:
    """Return the party role a tag right after a name ending at character ``end`` gives ("(D-N.M.)": Democrat)."""
    found = _PARTY_TAG.match(text, end)
    if found is None:
        return None
    title, affiliation = _PARTIES[found.group(1)]
    start, stop = found.start(1), found.end(2)
    return Role(title=title, affiliation=affiliation, text=text[start:stop], start=start, end=stop)


def role_in_apposition(doc: Doc, name: SpacySpan) -> Role | None:
    """Return the role given in apposition to a name, before or after it."""
    root = name.root
    candidates = [child for child in children(root) if child.dep_ == "appos" and child.i >= name.end]
    if root.dep_ == "appos" and root.head.i < name.start:
        candidates.append(root.head)
    for head in candidates:
        start = min([head.i, *(c.left_edge.i for c in lefts(head) if c.dep_ != "punct")])
        while start < head.i and doc[start].lower_ in _SKIPPED:
            start += 1
        if _is_title(head) or any(_is_title(t) for t in lefts(head)):
            return _role_from_tokens(doc, start, head.i + 1, extend_prepositions=True)
        if head.tag_ == "NN" and _describes_a_role(head):
            return _described_role(doc, start, head)
    return None


def _describes_a_role(head: Token) -> bool:
    """Tell whether one person's apposition noun is a role ("a teacher"), not just a person ("the first woman to ...")."""
    lemma = head.lemma_.lower()
    return lemma not in _PLAIN_PEOPLE and is_person_noun(lemma)


def _described_role(doc: Doc, start: int, head: Token) -> Role:
    """Return the role of an apposition that describes a person without a title word ("an epidemiologist at X")."""
    tail = _prepositional_tail(head)
    title = doc[start : head.i + 1].text
    last = tail[-1] if tail else head
    return Role(
        title=title,
        affiliation=_affiliation_after(doc, tail),
        text=doc[start : last.i + 1].text,
        start=doc[start].idx,
        end=last.idx + len(last),
    )


def _role_from_tokens(doc: Doc, start: int, end: int, *, extend_prepositions: bool = False) -> Role | None:
    """Build a role from tokens ``[start, end)``, split into title and affiliation."""
    if start >= end:
        return None
    tokens = list(doc[start:end])
    if extend_prepositions:
        tokens.extend(_prepositional_tail(doc[end - 1]))
    if not any(_is_title(t) for t in tokens):
        return None
    affiliation, rest = _split_affiliation(doc, tokens)
    title_tokens = list(rest)
    office = _office_span(title_tokens)
    if affiliation is None:
        affiliation = _affiliation_after(doc, title_tokens[: office[0]] + title_tokens[office[1] :])
    title_tokens = _trim_title(title_tokens, office=office)
    if not title_tokens:
        return None
    title = doc[title_tokens[0].i : title_tokens[-1].i + 1].text
    first, last = tokens[0], tokens[-1]
    text = doc[first.i : last.i + 1].text
    return Role(title=title, affiliation=affiliation, text=text, start=first.idx, end=last.idx + len(last))


def _split_affiliation(doc: Doc, tokens: list[Token]) -> tuple[str | None, list[Token]]:
    """Split a leading place or organisation ("Russian", "Russia's", "NSC", "the party's") off a role."""
    if tokens and not _is_affiliation(tokens[0]):
        return _split_possessor(doc, tokens)
    if not tokens or _is_title(tokens[0]):
        return None, tokens
    first = tokens[0]
    if first.ent_iob_ != "O" and first.ent_type_:
        end = entity_bounds(first)[1]
    else:
        end = first.i + 1
    count = min(end - first.i, len(tokens))
    while count < len(tokens) and tokens[count].lower_ in ("’s", "'s"):
        count += 1
    while count < len(tokens) and tokens[count].text == "(" and ")" in [t.text for t in tokens[count:]]:
        count += [t.text for t in tokens[count:]].index(")") + 1
    owner, rest = _split_possessor(doc, tokens[count:])
    own = tokens[count : len(tokens) - len(rest)]
    own_words = [t for t in own if t.lower_ not in ("’s", "'s")]
    if owner is not None and own_words and own[0].lower_ not in ("’s", "'s") and not any(t.ent_iob_ == "B" for t in own):
        return doc[first.i : own_words[-1].i + 1].text, rest  # "Dayton city council"
    return _affiliation_text(doc, first), tokens[count:]


def _names_its_organisation(tokens: list[Token]) -> bool:
    """Tell whether an organisation noun phrase names whose it is ("Clinton campaign", "Dayton city council"), not just what ("campaign")."""
    return any(t.pos_ == "PROPN" or t.ent_type_ for t in tokens) and not any(t.is_punct and t.text != "." for t in tokens)


def _split_possessor(doc: Doc, tokens: list[Token]) -> tuple[str | None, list[Token]]:
    """Split a possessor or an organisation noun with no title word ("the party's", "city council") off a role."""
    marks = [i for i, token in enumerate(tokens) if token.lower_ in ("’s", "'s")]
    titles = [i for i, token in enumerate(tokens) if _is_title(token)]
    if marks:
        cut, rest = marks[0], marks[0] + 1
    elif titles and titles[0] > 0 and tokens[titles[0] - 1].lower_ in ORG_NOUNS and _names_its_organisation(tokens[: titles[0]]):
        cut = rest = titles[0]  # "Clinton campaign spokesman": spokesman, Clinton campaign; "campaign manager" stays whole
    else:
        return None, tokens
    if cut == 0 or any(_is_title(t) for t in tokens[:cut]):
        return None, tokens
    words = [t for t in tokens[:cut] if t.lower_ not in _SKIPPED]
    if not words:
        return None, tokens
    return doc[words[0].i : words[-1].i + 1].text, tokens[rest:]


def _affiliation_after(doc: Doc, tokens: list[Token]) -> str | None:
    """Return the organisation after 'for'/'of'/'at' in a role ("spokesman for the party")."""
    for index, token in enumerate(tokens):
        if token.lower_ in _OF_PREPOSITIONS:
            for follower in tokens[index + 1 :]:
                if _is_affiliation(follower) and _modifies_organisation_noun(follower):
                    return _organisation_phrase(doc, follower.head)  # "the Lopez campaign", not "Lopez"
                if _is_affiliation(follower):
                    return _affiliation_text(doc, follower)
            objects = [child for child in children(token) if child.dep_ == "pobj" and child.lower_ in ORG_NOUNS]
            if objects:
                return _organisation_phrase(doc, objects[0])
    return None


def _modifies_organisation_noun(token: Token) -> bool:
    """Tell whether a name is a modifier of an organisation noun outside its entity ("Lopez" of "the Lopez campaign")."""
    head = token.head
    return token.dep_ == "compound" and head.lower_ in ORG_NOUNS and not head.ent_type_


def _organisation_phrase(doc: Doc, noun: Token) -> str:
    """Return an organisation noun with its modifiers, without its article ("the Lopez campaign" -> "Lopez campaign")."""
    start = min([noun.i, *(c.left_edge.i for c in lefts(noun) if c.dep_ in ("compound", "amod", "poss", "nmod"))])
    while start < noun.i and doc[start].lower_ in _SKIPPED:
        start += 1
    return doc[start : noun.i + 1].text


def _trim_title(tokens: list[Token], *, office: tuple[int, int] = (0, 0)) -> list[Token]:
    """Cut a title after its last title word or its office phrase ``office`` ("of State"), dropping prepositional tails ('to North Korea')."""
    cut = [i for i, token in enumerate(tokens) if _is_title(token)]
    if not cut:
        return []
    kept = tokens[: max(cut[-1] + 1, office[1])]
    for i, token in enumerate(kept):
        if office[0] <= i < office[1]:
            continue
        if token.lower_ in ("and", "or") and 0 < office[1] <= i:
            return kept[:i]  # "secretary of state and senator": one role a phrase
        if token.lower_ in _OF_PREPOSITIONS | {"to"} or token.is_punct and token.text not in ".-":
            return kept[:i] if any(_is_title(t) for t in kept[:i]) else kept
    return kept


def _joins_office(doc: Doc, i: int, *, before: int) -> bool:
    """Tell whether token ``i`` is the "of" (or "the") of "Secretary of State" or "Director of the FBI" right before token ``before``."""
    if doc[i].lower_ == "the":
        i -= 1
    if i <= 0 or doc[i].lower_ != "of" or not _is_title(doc[i - 1]):
        return False
    after = [t for t in doc[i + 1 : before] if t.lower_ != "the"]
    if after and all(_is_affiliation(t) for t in after):
        return True  # "Director of the FBI Ann Lee"
    return _office_span(list(doc[i - 1 : before])) == (1, before - i + 1)


def _office_span(tokens: list[Token]) -> tuple[int, int]:
    """Return the token range of "of State" or "of the Exchequer" after a title word in ``tokens``, or (0, 0).

    The words after "of" (and "the") are an office when they are a listed portfolio that ends its
    phrase (not "of state campaigns") after a capitalised or cabinet title word, or when the title
    word is capitalised and they are capitalised words outside any entity ("of Foreign Affairs").
    """
    for i in range(1, len(tokens) - 1):
        title = tokens[i - 1]
        if tokens[i].lower_ != "of" or not _is_title(title):
            continue
        first = i + 2 if tokens[i + 1].lower_ == "the" else i + 1
        takes_portfolio = title.is_title or title.lower_ in CABINET_TITLES
        for size in (3, 2, 1):
            words = tokens[first : first + size]
            if takes_portfolio and len(words) == size and " ".join(t.lower_ for t in words) in PORTFOLIOS:
                following = words[-1].doc[words[-1].i + 1 : words[-1].i + 2]
                if words[-1].dep_ != "compound" and following.text.lower() != "of":
                    return i, first + size
        end = first
        while end < len(tokens) and tokens[end].is_title and not tokens[end].ent_type_ and not _is_title(tokens[end]):
            end += 1
        if end > first and title.is_title:
            return i, end
    return 0, 0


def _prepositional_tail(head: Token) -> list[Token]:
    """Return 'for the ruling People Power Party' after a title head, up to its last such phrase, if present."""
    doc = head.doc
    phrases = [child for child in rights(head) if child.dep_ == "prep" and child.lower_ in _OF_PREPOSITIONS | {"to"}]
    if not phrases:
        return []
    return list(doc[head.i + 1 : phrases[-1].right_edge.i + 1])  # "professor of history at Yale University"


def _affiliation_text(doc: Doc, token: Token) -> str:
    """Return the place or organisation an affiliation token stands for."""
    if token.ent_iob_ != "O" and token.ent_type_:
        start, end = entity_bounds(token)
        text = doc[start:end].text
    else:
        text = token.text
    text = text.removesuffix("’s").removesuffix("'s").strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return DEMONYMS.get(text.lower(), text)


def _can_premodify(token: Token) -> bool:
    """Tell whether a token can sit in a pre-modifier title phrase."""
    if token.is_punct:
        return token.text in ("’s", "'s", ".", "(", ")")
    if token.lower_ in ("’s", "'s"):
        return True
    return token.pos_ in ("PROPN", "NOUN", "ADJ") and (token.is_title or token.is_upper or _is_title(token))


def _is_title(token: Token) -> bool:
    """Tell whether a token is a title word ("minister", "Adm.")."""
    return token.lower_ in TITLE_WORDS


def _is_affiliation(token: Token) -> bool:
    """Tell whether a token belongs to a place, nationality or organisation."""
    return token.ent_type_ in _AFFILIATION_LABELS or token.lower_ in DEMONYMS
