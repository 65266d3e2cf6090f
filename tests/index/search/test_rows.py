"""The side table keeps a clause's original text as a difference from its normalised text."""

from __future__ import annotations

from index.base.text import normalise_many
from index.search.rows import apply_diff, text_diff, text_diffs

TEXTS = [
    "開發區（一）招商引資，推動高質量發展。",
    "第一条　为了优化营商环境，制定本条例。",
    "plain ascii text",
    "",
    "ＲＣＥＰ協定：２０２１年起，擴大開放！",
    "一、总体要求",
]


def test_original_texts_come_back_from_the_normalised_ones():
    norms = normalise_many(TEXTS)
    diffs = text_diffs(TEXTS, norms)
    assert diffs == [text_diff(t, n) for t, n in zip(TEXTS, norms, strict=True)]
    assert [apply_diff(n, d) for n, d in zip(norms, diffs, strict=True)] == TEXTS
    assert diffs[5] == "" and diffs[0]  # simplified text with no full-width marks keeps nothing
    assert len(diffs[1].encode()) < len(TEXTS[1].encode()) / 2
