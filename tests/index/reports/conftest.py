from __future__ import annotations

import pytest

from index.library.corpus import Corpus


@pytest.fixture(scope="module")
def corpus():
    """The bundled documents only."""
    return Corpus(imported_dir=None)
