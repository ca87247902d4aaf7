"""Weights and section orders as the weights buttons carry them in their callback data
(`WhatIf.weights`, `Order.picked`): "15.15.10…" and "2.1.7", read back strictly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def encode_weights(weights: Mapping[int, int]) -> str:
    """Weights as `WhatIf` carries them: "15.15.10…", in section order."""
    return ".".join(str(weights[s]) for s in sorted(weights))


def decode_weights(text: str, sections: Sequence[int]) -> dict[int, int] | None:
    """ "15.15.10…" (a whole number per section, summing to 100) → weights; None otherwise."""
    parts = text.split(".")
    if len(parts) != len(sections) or not all(p.isdigit() for p in parts):
        return None
    weights = dict(zip(sections, map(int, parts), strict=True))
    return weights if sum(weights.values()) == 100 else None


def decode_sections(text: str, sections: Sequence[int]) -> list[int] | None:
    """ "2.1.7" as `Order` carries it → [2, 1, 7]; None for anything else (repeats, unknown
    sections)."""
    if not text:
        return []
    parts = text.split(".")
    if not all(p.isdigit() for p in parts):
        return None
    picked = [int(p) for p in parts]
    ok = len(set(picked)) == len(picked) and all(s in sections for s in picked)
    return picked if ok else None
