"""Target stance: how a sentence leans toward one marked target, from a small fine-tuned transformer.

The model (an int8 ONNX file trained by ``scripts/train_stance.py``) reads the text with marker
tokens around the target and returns P(against), P(neutral), P(favor). Inference needs only
onnxruntime, tokenizers and numpy; the artefact lives in ``models/stance/`` beside this module.
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
class EncodedTarget:
    """Model input for one target: token ids with markers, and the position of the opening marker."""

    ids: tuple[int, ...]
    marker: int


@dataclass(frozen=True, slots=True)
class StanceEncoder:
    """Turns (text, start, end) into token ids with marker tokens around the target, truncated around it."""

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

    def encode(self, text: str, start: int, end: int) -> EncodedTarget:
        """Encode ``text`` with markers around ``text[start:end]``, keeping the target inside the window."""
        check_offsets(text, start, end)
        budget = self.max_length - 4  # [CLS], two markers, [SEP]
        reach = budget * CONTEXT_CHARS_PER_TOKEN
        end = min(end, start + reach)  # an enormous target keeps only its beginning
        low, high = max(0, start - reach), min(len(text), end + reach)
        window = LONE_SURROGATE.sub("\ufffd", text[low:high])
        encoding = self.tokenizer.encode(window, add_special_tokens=False)
        ids, offsets = encoding.ids, encoding.offsets
        first, stop = target_token_range(offsets, start - low, end - low)
        stop = min(stop, first + budget)
        room = budget - (stop - first)
        left = min(first, max(room // 2, room - (len(ids) - stop)))
        right = min(len(ids) - stop, room - left)
        pieces = (
            [self.cls_id],
            ids[first - left : first],
            [self.open_id],
            ids[first:stop],
            [self.close_id],
            ids[stop : stop + right],
            [self.sep_id],
        )
        return EncodedTarget(ids=tuple(i for piece in pieces for i in piece), marker=1 + left)


def check_offsets(text: str, start: int, end: int) -> None:
    """Raise ValueError unless 0 <= start <= end <= len(text)."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"target offsets [{start}, {end}) do not fit a text of {len(text)} characters")


def target_token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Return [first, stop) of the tokens overlapping [start, end); an empty range at the insertion point if none."""
    first = bisect.bisect_right([token_end for _, token_end in offsets], start)
    stop = bisect.bisect_left([token_start for token_start, _ in offsets], end)
    return first, max(first, stop)


def pad_batch(encoded: Sequence[EncodedTarget], *, pad_id: int) -> dict[str, np.ndarray]:
    """Return the model's inputs for a batch: ids padded to the longest, attention mask, marker positions."""
    width = max(len(item.ids) for item in encoded)
    input_ids = np.full((len(encoded), width), pad_id, dtype=np.int64)
    attention_mask = np.zeros((len(encoded), width), dtype=np.int64)
    for row, item in enumerate(encoded):
        input_ids[row, : len(item.ids)] = item.ids
        attention_mask[row, : len(item.ids)] = 1
    marker = np.array([item.marker for item in encoded], dtype=np.int64)
    return {"input_ids": input_ids, "attention_mask": attention_mask, "marker": marker}


def softmax(logits: np.ndarray) -> np.ndarray:
    """Return row-wise probabilities of a 2-D array of logits."""
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


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

    def probabilities(self, targets: Sequence[TargetRef], *, batch_size: int = 1) -> np.ndarray:
        """Return an (n, 3) array of label probabilities (meta's label order) for the targets.

        ``batch_size`` > 1 runs several targets per model call (about a third faster), but the int8
        model quantizes activations with one range per call, so a target's probabilities then shift
        slightly with its neighbours; the default of 1 keeps every result independent and repeatable.
        """
        encoded = [self.encoder.encode(text, start, end) for text, start, end in targets]
        distinct = list(dict.fromkeys(encoded))  # windows cut from overlapping texts are often the same
        result = np.zeros((len(distinct), len(self.labels)), dtype=np.float32)
        order = sorted(range(len(distinct)), key=lambda i: len(distinct[i].ids))  # similar lengths pad less
        for begin in range(0, len(order), batch_size):
            rows = order[begin : begin + batch_size]
            inputs = pad_batch([distinct[i] for i in rows], pad_id=self.encoder.pad_id)
            (logits,) = self.session.run(["logits"], inputs)
            result[rows] = softmax(logits.astype(np.float32))
        position = {item: row for row, item in enumerate(distinct)}
        return result[[position[item] for item in encoded]] if encoded else result

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
