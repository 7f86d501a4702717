"""The attribute ruler's rules, and the lemmatizer's after them, as dictionary lookups: same attributes, no Matcher.

spaCy's AttributeRuler runs a Matcher of its token patterns over every Doc (en_core_web_sm: 179 patterns,
some two thirds of the parser's time), although what a pattern of one token sets depends only on the attributes
the patterns read (there TAG, LOWER, DEP and IS_SPACE) and on the values it may overwrite; and the rule
lemmatizer's lemma depends only on the token's text, POS and MORPH.  ``LookupAttributeRuler`` evaluates
the patterns once per distinct combination of those values and remembers the outcome, lemma included.
A pattern of several tokens is matched where its first token's test passes, and every token gets its
attributes in the ruler's order of precedence (the ruler applies its matches in pattern order, so a later
pattern wins).

``use_lookup_attribute_ruler`` swaps the component in only when every pattern compiles (no operators,
extension attributes or fuzzy matching; IN, NOT_IN and REGEX predicates) and sets only token attributes;
otherwise the pipeline keeps its stock components, so any configured model still works.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, LENGTH, LOWER, MORPH, NORM, ORTH, POS, PREFIX, SHAPE, SUFFIX, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

FACTORY = "lookup_attribute_ruler"
#: Lexeme flags (IS_SPACE, LIKE_NUM, ...): the token's text fixes their values.
_FLAGS = frozenset(value for name, value in IDS.items() if 0 < value < 64 and not name.startswith("FLAG"))
#: Attributes whose values are strings in the StringStore, which a REGEX predicate can read.
_STRING_VALUED = frozenset({ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LEMMA, TAG, DEP})
#: Attributes a compiled pattern may read: read the same by the Matcher and by Doc.to_array.
READABLE = _FLAGS | _STRING_VALUED | {LENGTH, POS, MORPH}
#: Attributes a compiled pattern may set: token attributes only (the ruler also writes lexeme attributes to the vocab).
SETTABLE = frozenset({TAG, POS, MORPH, LEMMA, DEP})
#: Distinct token descriptions remembered before the memo starts over (about 500 bytes each; news
#: text brings some 130 new ones an article once the memo is warm).
MAX_MEMO = 50_000

#: One predicate of a token pattern: (attribute, operator, operand), the operator one of ==, IN, NOT_IN, REGEX.
Test = tuple[int, str, Any]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the ruler: the tests of each of its tokens, which token it sets, and what it sets."""

    order: int  # the pattern's number in the ruler: a later pattern's attributes win
    tokens: tuple[tuple[Test, ...], ...]
    target: int  # position of the token that gets the attributes, within the matched tokens
    attrs: tuple[tuple[int, int], ...]


def compile_spec(spec: Mapping[Any, Any], strings: StringStore) -> tuple[Test, ...] | None:
    """Return the tests of one token of a Matcher pattern, or None where the lookup cannot test as the Matcher does."""
    tests: list[Test] = []
    for key, value in spec.items():
        if isinstance(key, str):
            name = key.upper()
            key = IDS.get("ORTH" if name == "TEXT" else name)
        if key not in READABLE:
            return None  # OP, "_", SENT_START, entity attributes: the Matcher's own business
        if isinstance(value, bool):
            tests.append((key, "==", int(value)))
        elif isinstance(value, int):
            tests.append((key, "==", value))
        elif isinstance(value, str):
            tests.append((key, "==", strings.add(value)))
        elif isinstance(value, dict):
            for operator, operand in value.items():
                operator = operator.upper()
                if operator in ("IN", "NOT_IN") and key != MORPH and _plain_values(operand):
                    tests.append((key, operator, frozenset(get_string_id(v) for v in operand)))
                elif operator == "REGEX" and key in _STRING_VALUED and isinstance(operand, str):
                    tests.append((key, operator, re.compile(operand)))
                else:
                    return None
        else:
            return None
    return tuple(tests)


def _plain_values(operand: Any) -> bool:
    """Tell whether a set predicate's operand is a list of strings and integers."""
    return isinstance(operand, (list, tuple)) and all(
        isinstance(v, (str, int)) and not isinstance(v, bool) for v in operand
    )


def compile_rules(ruler: AttributeRuler) -> list[Rule] | None:
    """Return the ruler's patterns as rules in its order, or None if one of them does not compile."""
    rules: list[Rule] = []
    for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
        if not all(key in SETTABLE for key in attrs):
            return None
        _, patterns = ruler.matcher.get(str(order))
        for pattern in patterns:
            tokens = [compile_spec(spec, ruler.vocab.strings) for spec in pattern]
            target = index if index >= 0 else len(pattern) + index
            if not tokens or None in tokens or not 0 <= target < len(tokens):
                return None
            rules.append(Rule(order, tuple(t for t in tokens if t is not None), target, tuple(attrs.items())))
    return rules


def fusable(lemmatizer: Any) -> bool:
    """Tell whether a component is a Lemmatizer whose lemma depends only on the token's text, POS and MORPH."""
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in ("rule", "lookup"):
        return False
    required, _ = Lemmatizer.get_lookups_config(lemmatizer.mode)
    kind = type(lemmatizer)
    return (
        kind.__call__ is Lemmatizer.__call__
        and getattr(lemmatizer.lemmatize, "__func__", None) in (Lemmatizer.rule_lemmatize, Lemmatizer.lookup_lemmatize)
        and kind.is_base_form in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)
        and all(table in lemmatizer.lookups for table in required)
    )


def _passes(tests: Sequence[Test], values: Mapping[int, int], strings: StringStore) -> bool:
    """Tell whether a token with these attribute values passes every test, as the Matcher decides."""
    for attr, operator, operand in tests:
        value = values[attr]
        if operator == "==":
            passed = value == operand
        elif operator == "IN":
            passed = value in operand
        elif operator == "NOT_IN":
            passed = value not in operand
        else:
            passed = operand.search(strings[value]) is not None
        if not passed:
            return False
    return True


class LookupAttributeRuler:
    """Set what an AttributeRuler, and a rule or lookup Lemmatizer right after it, would set, by table lookup."""

    def __init__(
        self,
        vocab: Vocab,
        name: str = FACTORY,
        *,
        ruler: AttributeRuler,
        lemmatizer: Lemmatizer | None = None,
    ) -> None:
        """Keep the components whose rules to read at the first call (a loaded pipeline fills them in after this)."""
        self.vocab = vocab
        self.name = name
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self._singles: list[Rule] = []
        self._multis: list[Rule] = []
        self._attrs_by_order: dict[int, tuple[tuple[int, int], ...]] = {}
        self._columns: list[int] = []
        self._written: list[int] = []
        self._memo: dict[tuple[int, ...], tuple[Any, ...]] = {}
        self._shared: dict[Any, Any] = {}
        self._compiled = False

    def compile(self) -> None:
        """Compile the ruler's patterns and choose the attributes to read and write."""
        rules = compile_rules(self.ruler)
        if rules is None:
            raise ValueError(f"{self.name}: the attribute ruler has patterns the lookup cannot evaluate")
        if self.lemmatizer is not None and not fusable(self.lemmatizer):
            raise ValueError(f"{self.name}: the lemmatizer's lemmas depend on more than text, POS and MORPH")
        self._singles = [rule for rule in rules if len(rule.tokens) == 1]
        self._multis = [rule for rule in rules if len(rule.tokens) > 1]
        self._attrs_by_order = {rule.order: rule.attrs for rule in rules}
        written = {attr for rule in rules for attr, _ in rule.attrs}
        read = {attr for rule in rules for tests in rule.tokens for attr, _, _ in tests}
        if self.lemmatizer is not None:
            written.add(LEMMA)
            read.update((ORTH, POS, MORPH))
        self._written = sorted(written)
        self._columns = sorted(read | written)
        self._memo = {}
        self._shared = {}
        self._compiled = True

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's (and the lemmatizer's) attributes on every token of ``doc``."""
        if not self._compiled:
            self.compile()
        if not len(doc) or not self._written:
            return doc
        rows = doc.to_array(self._columns).reshape(len(doc), -1).tolist()
        get = self._memo.get
        entries = [get(key) or self._describe(key) for key in map(tuple, rows)]
        values = [entry[0] for entry in entries]
        if self._multis:
            self._apply_multis(rows, entries, values)
        doc.from_array(self._written, numpy.array(values, dtype=numpy.uint64))
        return doc

    def _describe(self, key: tuple[int, ...]) -> tuple[Any, ...]:
        """Return and remember what the one-token patterns set on a token read as ``key``.

        The entry is (written values, orders of the one-token patterns that apply, (pattern, position)
        pairs of the longer patterns whose token tests pass, patterns whose first token's tests pass).
        """
        original = dict(zip(self._columns, key))
        strings = self.vocab.strings
        applied = tuple(rule.order for rule in self._singles if _passes(rule.tokens[0], original, strings))
        passed = frozenset(
            (number, position)
            for number, rule in enumerate(self._multis)
            for position, tests in enumerate(rule.tokens)
            if _passes(tests, original, strings)
        )
        firsts = tuple(number for number, position in sorted(passed) if position == 0)
        if len(self._memo) >= MAX_MEMO:
            self._memo.clear()
            self._shared.clear()
        share = self._shared.setdefault  # most tokens share these: one object each, not one per entry
        entry = (self._values(original, applied), share(applied, applied), share(passed, passed), share(firsts, firsts))
        self._memo[key] = entry
        return entry

    def _values(self, original: Mapping[int, int], orders: Sequence[int]) -> tuple[int, ...]:
        """Return the written attributes of a token after the patterns ``orders`` (ascending) and the lemmatizer."""
        final = dict(original)
        for order in orders:
            final.update(self._attrs_by_order[order])
        lemmatizer = self.lemmatizer
        if lemmatizer is not None and (lemmatizer.overwrite or final[LEMMA] == 0):
            final[LEMMA] = self._lemma(final[ORTH], final[POS], final[MORPH])
        return tuple(final[attr] for attr in self._written)

    def _lemma(self, orth: int, pos: int, morph: int) -> int:
        """Return the lemmatizer's lemma of a token with this text, POS and MORPH."""
        assert self.lemmatizer is not None
        token = Doc(self.vocab, words=[self.vocab.strings[orth]])
        token.from_array([POS, MORPH], numpy.array([[pos, morph]], dtype=numpy.uint64))
        return self.vocab.strings.add(self.lemmatizer.lemmatize(token[0])[0])

    def _apply_multis(self, rows: list[list[int]], entries: list[tuple[Any, ...]], values: list[Any]) -> None:
        """Match the patterns of several tokens and redo the values of the tokens they set, in pattern order."""
        extra: dict[int, list[int]] = {}
        for start, entry in enumerate(entries):
            for number in entry[3]:
                rule = self._multis[number]
                end = start + len(rule.tokens)
                if end <= len(entries) and all(
                    (number, position) in entries[start + position][2] for position in range(1, len(rule.tokens))
                ):
                    extra.setdefault(start + rule.target, []).append(rule.order)
        for i, orders in extra.items():
            original = dict(zip(self._columns, rows[i]))
            values[i] = self._values(original, sorted({*entries[i][1], *orders}))


@Language.factory(FACTORY, default_config={"ruler": "attribute_ruler", "lemmatizer": "lemmatizer"})
def make_lookup_attribute_ruler(nlp: Language, name: str, ruler: str, lemmatizer: str) -> LookupAttributeRuler:
    """Build a LookupAttributeRuler from the pipeline's components ``ruler`` and ``lemmatizer`` ("" for none)."""
    return LookupAttributeRuler(
        nlp.vocab, name, ruler=nlp.get_pipe(ruler), lemmatizer=nlp.get_pipe(lemmatizer) if lemmatizer else None
    )


def use_lookup_attribute_ruler(nlp: Language) -> bool:
    """Run the first attribute ruler of ``nlp``, and a lemmatizer right after it, as one LookupAttributeRuler.

    Only when every pattern compiles; the stock components stay in ``nlp``, disabled.  Returns whether it swapped.
    """
    names = nlp.pipe_names
    ruler = next((name for name, pipe in nlp.pipeline if isinstance(pipe, AttributeRuler)), None)
    if ruler is None or FACTORY in nlp.component_names or compile_rules(nlp.get_pipe(ruler)) is None:
        return False
    following = names[names.index(ruler) + 1 : names.index(ruler) + 2]
    lemmatizer = following[0] if following and fusable(nlp.get_pipe(following[0])) else ""
    # After both, so that a pipeline saved and loaded again builds them before this component's factory.
    nlp.add_pipe(FACTORY, after=lemmatizer or ruler, config={"ruler": ruler, "lemmatizer": lemmatizer})
    nlp.get_pipe(FACTORY).compile()
    nlp.disable_pipe(ruler)
    if lemmatizer:
        nlp.disable_pipe(lemmatizer)
    return True
