"""The one module that touches Whoosh's internals says clearly when the pinned Whoosh changed."""

from __future__ import annotations

import pytest

from index.search import postings


def test_the_installed_whoosh_has_every_internal_relied_on():
    postings.check_internals()  # raises WhooshChanged naming what is gone


def test_a_changed_whoosh_is_named(monkeypatch):
    from whoosh.codec.whoosh3 import W3LeafMatcher

    # As if a release renamed a block attribute and the version moved on.
    monkeypatch.setattr(postings, "INTERNALS", (*postings.INTERNALS, (W3LeafMatcher, ("_blockdata",))))
    monkeypatch.setattr(postings, "PINNED", (9, 9, 9))
    with pytest.raises(postings.WhooshChanged) as err:
        postings.check_internals()
    assert "W3LeafMatcher._blockdata is gone" in str(err.value) and "(9, 9, 9) is pinned" in str(err.value)
