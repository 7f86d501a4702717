"""Target stance: how a sentence leans toward each marked target, from a small fine-tuned transformer.

The model (an int8 ONNX file trained by ``scripts/train_stance.py``) reads the text with marker
tokens around its targets, all of a text's targets in one read, and returns P(against), P(neutral),
P(favor) for each from its own opening marker. Inference needs only onnxruntime, tokenizers and
numpy; the artefact lives in ``models/stance/`` beside this module.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from tokenizers import Tokenizer

if TYPE_CHECKING:
    import onnxruntime

log = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "stance"
LABELS = ("against", "neutral", "favor")
#: Characters of context read on each side of a target before tokenising; far more than the token window needs.
CONTEXT_CHARS_PER_TOKEN = 12
#: Python strings may carry lone surrogates (JSON "\ud800"); the tokenizer cannot encode them.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: Tokens the model reads per target at run time, markers included: a news sentence fits, and a run-on
#: text (no sentence ends) costs no more than one. Training used meta.json's ``max_length``.
READ_MAX_TOKENS = 64

#: One target to score: the text and the target's [start, end) character offsets in it.
TargetRef = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class TargetStance:
    """The stance of a text toward one target: label, score = P(favor) - P(against), confidence."""

    label: str  # against | neutral | favor
    score: float  # -1..1
    confidence: float  # probability of the chosen label
    against: float
    neutral: float
    favor: float


@dataclass(frozen=True, slots=True)
class EncodedRead:
    """Model input for one read: token ids with markers around one or more targets, and each opening marker's position."""

    ids: tuple[int, ...]
    markers: tuple[int, ...]

    @property
    def marker(self) -> int:
        """Return the position of the first opening marker (the only one of a single-target read)."""
        return self.markers[0]


#: A target's span in a text: [start, end) character offsets.
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class StanceEncoder:
    """Turns a text and target spans into token ids with marker tokens around the targets, truncated around them."""

    tokenizer: Tokenizer
    max_length: int
    cls_id: int
    sep_id: int
    pad_id: int
    open_id: int
    close_id: int

    @classmethod
    def from_meta(cls, tokenizer: Tokenizer, meta: dict[str, Any], *, max_length: int | None = None) -> StanceEncoder:
        """Build the encoder described by a model's meta.json, reading at most ``max_length`` tokens if given."""
        tokenizer.no_truncation()
        tokenizer.no_padding()
        special = meta["special_tokens"]

        def token_id(token: str) -> int:
            """Return the vocabulary id of ``token``, which must exist."""
            found = tokenizer.token_to_id(token)
            if found is None:
                raise ValueError(f"token {token!r} is not in the stance tokenizer's vocabulary")
            return found

        return cls(
            tokenizer=tokenizer,
            max_length=min(int(meta["max_length"]), max_length or int(meta["max_length"])),
            cls_id=token_id(special["cls"]),
            sep_id=token_id(special["sep"]),
            pad_id=token_id(special["pad"]),
            open_id=token_id(meta["markers"]["open"]),
            close_id=token_id(meta["markers"]["close"]),
        )

    @property
    def reach(self) -> int:
        """Return the characters read on each side of a target: far more than its token window needs."""
        return (self.max_length - 4) * CONTEXT_CHARS_PER_TOKEN

    def encode(self, text: str, start: int, end: int) -> EncodedRead:
        """Encode ``text`` with markers around ``text[start:end]``, keeping the target inside the window."""
        ((read, _),) = self.encode_targets(text, [(start, end)])
        return read

    def encode_targets(self, text: str, spans: Sequence[Span]) -> list[tuple[EncodedRead, tuple[int, ...]]]:
        """Encode ``text`` with every target marked, as few reads as fit: each read with the indices of its spans.

        Targets share a read when they do not overlap and fit one window together; one target alone
        is read as ``encode`` reads it.
        """
        for start, end in spans:
            check_offsets(text, start, end)
        reads: list[tuple[EncodedRead, tuple[int, ...]]] = []
        for group in _char_groups(spans, reach=self.reach):
            reads += self._encode_group(text, [spans[i] for i in group], indices=group)
        return reads

    def _encode_group(
        self, text: str, spans: Sequence[Span], *, indices: Sequence[int]
    ) -> list[tuple[EncodedRead, tuple[int, ...]]]:
        """Tokenise the window around nearby targets once and cut it into reads that each fit the model."""
        budget = self.max_length - 4  # [CLS], two markers, [SEP] for one target
        spans = [(start, min(end, start + self.reach)) for start, end in spans]  # an enormous target keeps its beginning
        low = max(0, min(start for start, _ in spans) - self.reach)
        high = min(len(text), max(end for _, end in spans) + self.reach)
        encoding = self.tokenizer.encode(LONE_SURROGATE.sub("\ufffd", text[low:high]), add_special_tokens=False)
        ids, offsets = encoding.ids, encoding.offsets
        ranges = []
        for start, end in spans:
            first, stop = target_token_range(offsets, start - low, end - low)
            ranges.append((first, min(stop, first + budget)))
        return [
            (self._assemble(ids, [ranges[i] for i in read]), tuple(indices[i] for i in read))
            for read in _token_reads(ranges, budget=self.max_length - 2)
        ]

    def _assemble(self, ids: Sequence[int], ranges: Sequence[tuple[int, int]]) -> EncodedRead:
        """Return the read of ``ids`` with markers around each token range (in order) and context around them."""
        first, stop = ranges[0][0], ranges[-1][1]
        room = self.max_length - 2 - 2 * len(ranges) - (stop - first)
        left = min(first, max(room // 2, room - (len(ids) - stop)))
        right = min(len(ids) - stop, room - left)
        out = [self.cls_id, *ids[first - left : first]]
        markers = []
        at = first
        for begin, end in ranges:
            out += ids[at:begin]
            markers.append(len(out))
            out += [self.open_id, *ids[begin:end], self.close_id]
            at = end
        out += [*ids[at : stop + right], self.sep_id]
        return EncodedRead(ids=tuple(out), markers=tuple(markers))


def _char_groups(spans: Sequence[Span], *, reach: int) -> list[list[int]]:
    """Return the indices of the spans in text order, grouped while a group spans at most ``reach`` characters."""
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    groups: list[list[int]] = []
    for i in order:
        if groups and spans[i][1] - spans[groups[-1][0]][0] <= reach:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _token_reads(ranges: Sequence[tuple[int, int]], *, budget: int) -> list[list[int]]:
    """Return reads of token ranges (given in text order): no two overlap in a read, each read fits ``budget`` tokens.

    A range that overlaps the one before it waits for a later read; a range that does not fit starts a new read.
    """
    reads: list[list[int]] = []
    waiting = list(range(len(ranges)))
    while waiting:
        later: list[int] = []
        current: list[int] = []
        for i in waiting:
            first, stop = ranges[i]
            if current and first < ranges[current[-1]][1]:
                later.append(i)
            elif current and stop - ranges[current[0]][0] + 2 * (len(current) + 1) > budget:
                reads.append(current)
                current = [i]
            else:
                current.append(i)
        reads.append(current)
        waiting = later
    return reads


def check_offsets(text: str, start: int, end: int) -> None:
    """Raise ValueError unless 0 <= start <= end <= len(text)."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"target offsets [{start}, {end}) do not fit a text of {len(text)} characters")


def target_token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Return [first, stop) of the tokens overlapping [start, end); an empty range at the insertion point if none."""
    first = bisect.bisect_right([token_end for _, token_end in offsets], start)
    stop = bisect.bisect_left([token_start for token_start, _ in offsets], end)
    return first, max(first, stop)


def pad_batch(encoded: Sequence[EncodedRead], *, pad_id: int, multi_target: bool = True) -> dict[str, np.ndarray]:
    """Return the model's inputs for a batch: ids padded to the longest, attention mask, marker positions.

    ``marker`` is (batch, targets), padded with 0 (the [CLS] position, whose answers are dropped); a
    single-target model (``multi_target=False``) takes one marker per read, (batch,).
    """
    width = max(len(item.ids) for item in encoded)
    input_ids = np.full((len(encoded), width), pad_id, dtype=np.int64)
    attention_mask = np.zeros((len(encoded), width), dtype=np.int64)
    for row, item in enumerate(encoded):
        input_ids[row, : len(item.ids)] = item.ids
        attention_mask[row, : len(item.ids)] = 1
    if not multi_target:
        marker = np.array([item.marker for item in encoded], dtype=np.int64)
        return {"input_ids": input_ids, "attention_mask": attention_mask, "marker": marker}
    marker = np.zeros((len(encoded), max(len(item.markers) for item in encoded)), dtype=np.int64)
    for row, item in enumerate(encoded):
        marker[row, : len(item.markers)] = item.markers
    return {"input_ids": input_ids, "attention_mask": attention_mask, "marker": marker}


def softmax(logits: np.ndarray) -> np.ndarray:
    """Return probabilities over the last axis of an array of logits."""
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def to_stance(probabilities: Sequence[float], labels: Sequence[str] = LABELS) -> TargetStance:
    """Turn one row of probabilities (in ``labels`` order) into a TargetStance."""
    by_label = dict(zip(labels, (float(p) for p in probabilities), strict=True))
    label = max(LABELS, key=lambda name: by_label[name])
    return TargetStance(
        label=label,
        score=round(by_label["favor"] - by_label["against"], 4),
        confidence=round(by_label[label], 4),
        against=round(by_label["against"], 4),
        neutral=round(by_label["neutral"], 4),
        favor=round(by_label["favor"], 4),
    )


class StanceModel:
    """A loaded stance model: an onnxruntime session, its encoder and meta."""

    def __init__(self, *, model_file: Path, encoder: StanceEncoder, meta: dict[str, Any]) -> None:
        """Wrap a model file, opened on first use, and its encoder."""
        self.model_file = model_file
        self._session: onnxruntime.InferenceSession | None = None  # opened in the worker, see ``session``
        self.encoder = encoder
        self.meta = meta
        self.labels: tuple[str, ...] = tuple(meta["labels"])

    @property
    def session(self) -> onnxruntime.InferenceSession:
        """Return the onnxruntime session, opened on first use in this process.

        gunicorn forks its workers from a master that has loaded the app: a session opened in the
        master hangs the worker at exit (onnxruntime's thread state does not survive a fork), so the
        session is opened in each worker (``open``, from gunicorn's post_fork hook) or on first use.
        """
        if self._session is None:
            self._session = open_session(self.model_file)
        return self._session

    def open(self) -> None:
        """Open the session now, so that no request pays for it."""
        _ = self.session

    @property
    def name(self) -> str:
        """Return the model's name and version, e.g. for a reply's meta."""
        return f"{self.meta['name']} {self.meta['version']}"

    @property
    def multi_target(self) -> bool:
        """Tell whether the model reads all the targets of a text at once (meta ``targets_per_read``: ``all``)."""
        return self.meta.get("targets_per_read") == "all"

    def reads(self, targets: Sequence[TargetRef]) -> list[tuple[EncodedRead, tuple[tuple[int, ...], ...]]]:
        """Return the distinct reads the targets need, each with the indices of the targets each marker answers.

        A multi-target model reads each distinct text once with all its targets marked (more reads only
        when they overlap or do not fit one window); a single-target model reads each target alone.
        """
        by_text: dict[str, dict[Span, list[int]]] = {}
        for index, (text, start, end) in enumerate(targets):
            by_text.setdefault(text, {}).setdefault((start, end), []).append(index)
        answers: dict[EncodedRead, list[list[int]]] = {}
        for text, spans in by_text.items():
            keys = list(spans)
            if self.multi_target:
                encoded = self.encoder.encode_targets(text, keys)
            else:
                encoded = [(self.encoder.encode(text, *span), (i,)) for i, span in enumerate(keys)]
            for read, members in encoded:  # windows cut from overlapping texts are often the same
                slots = answers.setdefault(read, [[] for _ in members])
                for slot, member in zip(slots, members, strict=True):
                    slot.extend(spans[keys[member]])
        return [(read, tuple(tuple(slot) for slot in slots)) for read, slots in answers.items()]

    def probabilities(self, targets: Sequence[TargetRef], *, batch_size: int = 1) -> np.ndarray:
        """Return an (n, 3) array of label probabilities (meta's label order) for the targets.

        The targets of one text are read together (see ``reads``), so a target's answer depends on the
        other targets given in the same text. ``batch_size`` > 1 runs several reads per model call
        (about a fifth faster), but the int8 model quantizes activations with one range per call, so
        a target's probabilities then shift slightly with the other reads of the call.
        """
        reads = self.reads(targets)
        result = np.zeros((len(targets), len(self.labels)), dtype=np.float32)
        order = sorted(range(len(reads)), key=lambda i: len(reads[i][0].ids))  # similar lengths pad less
        for begin in range(0, len(order), batch_size):
            rows = order[begin : begin + batch_size]
            batch = [reads[i][0] for i in rows]
            inputs = pad_batch(batch, pad_id=self.encoder.pad_id, multi_target=self.multi_target)
            (logits,) = self.session.run(["logits"], inputs)
            probabilities = softmax(logits.astype(np.float32))
            for row, i in enumerate(rows):
                answers = probabilities[row] if self.multi_target else probabilities[row][None]
                for slot, members in enumerate(reads[i][1]):
                    result[list(members)] = answers[slot]
        return result

    def score(self, targets: Sequence[TargetRef], *, batch_size: int = 1) -> list[TargetStance]:
        """Return the stance toward each (text, start, end) target, in order (see ``probabilities``)."""
        if not targets:
            return []
        return [to_stance(row, self.labels) for row in self.probabilities(targets, batch_size=batch_size)]

    def score_one(self, text: str, start: int, end: int) -> TargetStance:
        """Return the stance of ``text`` toward ``text[start:end]``."""
        return self.score([(text, start, end)])[0]


def read_meta(path: Path) -> dict[str, Any]:
    """Return the meta.json of the model folder at ``path``."""
    return json.loads((path / "meta.json").read_text(encoding="utf-8"))


def open_session(model_file: Path) -> onnxruntime.InferenceSession:
    """Open an onnxruntime CPU session with one intra-op thread (gunicorn runs one worker per core).

    onnxruntime is imported here, not at the top: importing it in gunicorn's master leaves global
    thread state that hangs every forked worker at exit.
    """
    import onnxruntime
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(str(model_file), sess_options=options, providers=["CPUExecutionProvider"])


@cache
def _load(path: Path) -> StanceModel:
    """Load the model folder at ``path`` (cached: once per process and path)."""
    meta = read_meta(path)
    encoder = StanceEncoder.from_meta(Tokenizer.from_file(str(path / "tokenizer.json")), meta, max_length=READ_MAX_TOKENS)
    model = StanceModel(model_file=path / "model.onnx", encoder=encoder, meta=meta)
    log.info("loaded stance model %s from %s", model.name, path)
    return model


def load_stance_model(path: str | Path | None = None) -> StanceModel:
    """Return the stance model in folder ``path`` (default: the packaged one), loaded once per process."""
    return _load(Path(path or DEFAULT_MODEL_DIR).resolve())
