"""Compared back: what a counterpart's own best match in the source's document is, and why it may differ.

A→B and B→A should agree: if 吉林 （十二） finds 云南 （三）, then 云南 （三）
compared back to 吉林 should find （十二）. When it does not, the official
should see it, and see why. ``reverse_of`` gives the counterpart's best
match back and one reason, each a fact the user can check:

* ``mutual``: the best match back is the source clause itself;
* ``part``: it is the section the source sits in, or an item inside the
  source (the same text at another level);
* ``same_topic``: another clause of the source's document on the source's
  main topic (the document treats the subject in more than one place);
* ``broader``: the counterpart treats several topics, the source's among
  them, and its best match back is a clause on another of them;
* ``listed``: the source is among the counterpart's next matches back
  (its rank is given);
* ``differs``: none of these: the pair may be wrong, and is shown as such.

Cheap by design: the counterpart is compared back to the source's document
only, by the first pass (``back_ranking``), for the first match of each
column; ``bench/bench_align.py`` measures how often its best match back is
the one a full comparison back shows ("back=full").
"""

from __future__ import annotations

from index.compare.records import Reverse
from index.compare.topics import load_topics, unit_topics
from index.compare.units import Unit

REASONS = ("mutual", "part", "same_topic", "broader", "listed", "differs")
LISTED = 3  # "listed": the source among the counterpart's first few matches back
BACK_K = 5  # candidates compared back (fewer than a comparison's TOP_K: a third of the cost, 0.824 vs 0.830 as full)


def back_ranking(session, counterpart: Unit) -> list:
    """The source document's candidates for ``counterpart``, most probable first (``align.Candidate``).

    The first pass only (``align.first_pass`` and the model's first-pass
    weights): the second pass would compare the counterpart with every other
    document, several times the cost of the forward comparison. On the
    development documents the best match back agrees with a full comparison
    back 0.82 of the time (0.83 with all ``TOP_K`` candidates; the forward
    comparison's view of the library as a second pass did no better, 0.83).

    Args:
        session: the forward ``align.Session`` (its context and model).
        counterpart: a unit of another document.
    """
    return session.first_of(counterpart, session.source.clause.doc_id, BACK_K)


def relation(a: str, b: str) -> str | None:
    """How clause ``b`` stands to clause ``a``: "inside" (an item of it), "above" (the section it sits in), or None."""
    if b.startswith(a + "/"):
        return "inside"  # b is an item of a
    if a.startswith(b + "/"):
        return "above"  # b is the section a sits in
    return None


def reverse_of(session, counterpart: Unit) -> Reverse:
    """The counterpart's best match back in the source's document, and why it is or is not the source.

    Args:
        session: the forward ``align.Session`` of the source.
        counterpart: the source's first match in another document.
    """
    source = session.source
    back = back_ranking(session, counterpart)
    if not back:
        return Reverse(None, False, "differs", None, [], None, None)
    best = back[0].unit
    ids = [c.unit.id for c in back]
    rank = ids.index(source.id) + 1 if source.id in ids else None
    names = {t.id: t.name for t in load_topics()}
    mine = unit_topics(source)
    theirs = unit_topics(counterpart)
    found = unit_topics(best)
    topics: list[str] = []
    if best.id == source.id:
        reason = "mutual"
    elif relation(source.id, best.id):
        reason = "part"
    elif mine and mine[0] in found:
        reason, topics = "same_topic", [names[mine[0]]]
    elif len(theirs) >= 2 and mine and mine[0] in theirs and found and found[0] in theirs and found[0] != mine[0]:
        reason, topics = "broader", [names[mine[0]], names[found[0]]]
    elif rank is not None and rank <= LISTED:
        reason = "listed"
    else:
        reason = "differs"
    return Reverse(best.id, best.id == source.id, reason, rank, topics, best.clause.label, best.clause.heading,
                   relation(source.id, best.id))
