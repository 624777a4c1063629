"""Suggest: a coding queue of the passages whose machine coding is least certain.

For every paragraph and bullet that no person has coded yet, the current set-up gives each
code a combined probability; the code is present when that reaches the code's threshold
(`models/tagger.yaml`). Certainty is the distance from that threshold: a passage's margin is
the smallest |probability - threshold| over its codes, and the queue is the passages with
the smallest margins. We rank by distance from the threshold rather than by entropy because
the thresholds are not 0.5 (a frame's may be 0.3): entropy would put first the passages at
0.5, which the decision may already be sure about. A code the passage mentions only negated
or hypothetically, or one the negation model's veto keeps negated, is never present whatever
its probability, so it is left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..embed import embed_passages
from ..errors import ReviewMinerError
from ..store import Store
from ..tag import TAGGABLE, Setup, score_items
from ..tagging import Item
from ..tagging.decide import DEFAULT_THRESHOLD
from .codings import MACHINE, coder_scope, human_coders

COLUMNS = (
    "rank",
    "passage_id",
    "file",
    "page",
    "section",
    "code",
    "probability",
    "threshold",
    "margin",
    "machine",
    "text",
)


def thresholds(setup: Setup) -> np.ndarray:
    """Return each code's decision threshold, in codebook order."""
    if setup.decider is None:
        raise ReviewMinerError("no trained decision settings: run 'review-miner train' first")
    return np.array(
        [
            setup.decider.thresholds.get(
                code, setup.decider.frames.get(frame, {}).get("threshold", DEFAULT_THRESHOLD)
            )
            for code, frame in zip(setup.codebook.ids, setup.code_frames, strict=True)
        ]
    )


def suggest(store: Store, setup: Setup, n: int = 50, batch: int = 256) -> pd.DataFrame:
    """Return the `n` passages no person has coded whose machine coding is least certain.

    Args:
        store: The store.
        setup: The current codebook and models (as `review-miner tag` uses them).
        n: How many passages to queue.
        batch: Passages scored at a time.

    Returns:
        One row per passage, least certain first: the code nearest its threshold, its
        probability, the threshold, the margin, what the machine decides (present or
        absent), and the passage's text and place.
    """
    if n < 1:
        raise ReviewMinerError(f"--n must be at least 1, not {n}")
    done = set().union(*(coder_scope(store, c) for c in human_coders(store) if c != MACHINE))
    candidates = [p for p in store.passages() if p.kind in TAGGABLE and p.passage_id not in done]
    if not candidates:
        raise ReviewMinerError(f"{store.path}: no uncoded paragraphs to suggest")
    files = {d.doc_id: d.file for d in store.documents()}
    limits = thresholds(setup)
    ids = setup.codebook.ids
    rows = []
    for start in range(0, len(candidates), batch):
        chunk = candidates[start : start + batch]
        vectors = embed_passages(store, chunk, setup.encoder)
        scores, _ = score_items([Item(p.passage_id, p.text) for p in chunk], setup, vectors)
        assert setup.decider is not None  # checked by thresholds()
        probabilities, present = setup.decider.decide(scores, ids, setup.code_frames)
        margins = np.abs(probabilities - limits)
        only_negated = (scores.rules_negated > 0) & (scores.rules == 0)
        if scores.vetoed is not None:
            only_negated |= scores.vetoed  # the negation model keeps these negated too
        margins[only_negated] = np.inf
        for i, passage in enumerate(chunk):
            j = int(np.argmin(margins[i]))
            if not np.isfinite(margins[i, j]):
                continue
            rows.append(
                {
                    "passage_id": passage.passage_id,
                    "file": files.get(passage.doc_id, ""),
                    "page": passage.page,
                    "section": passage.section or "",
                    "code": ids[j],
                    "probability": round(float(probabilities[i, j]), 4),
                    "threshold": round(float(limits[j]), 3),
                    "margin": round(float(margins[i, j]), 4),
                    "machine": "present" if present[i, j] else "absent",
                    "text": passage.text,
                }
            )
    table = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "rank"])
    table = table.sort_values(["margin", "passage_id"], kind="stable").head(n)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)
