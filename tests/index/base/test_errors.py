"""The engine's error root: codes declared in the class header, inherited when not."""

from __future__ import annotations

import importlib
import pkgutil

import index
from index.base.errors import BugError, Cancelled, KnownError, ZoneRefError


def test_a_code_named_in_the_header_is_the_class_code_and_subclasses_inherit_it():
    class Trouble(KnownError, code="trouble"):
        pass

    class Worse(Trouble):
        pass

    assert (ZoneRefError.code, KnownError.code, BugError.code) == ("error", "known", "bug")
    assert Trouble.code == Trouble("x").code == "trouble"
    assert Worse.code == "trouble" and KnownError.code == "known"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_engine_error_has_its_own_code():
    for info in pkgutil.walk_packages(index.__path__, "index."):
        importlib.import_module(info.name)
    engine = [c for c in _subclasses(ZoneRefError) if c.__module__.startswith("index.")]
    assert len(engine) > 30
    # a cancelled build is a cancel like any other (the GUI says nothing of it): it keeps "cancelled"
    without = [c.__name__ for c in engine if "code" not in vars(c) and not issubclass(c, Cancelled)]
    assert without == []
    codes = {}
    for c in engine:
        if issubclass(c, Cancelled) and c is not Cancelled:
            continue
        codes.setdefault(c.code, []).append(c.__name__)
    # two export errors share "export": the GUI words a failed notes export and a failed report export alike
    assert {code: names for code, names in codes.items() if len(names) > 1} == {
        "export": sorted(codes["export"])} and sorted(codes["export"]) == ["ExportError", "NotesExportError"]


def test_an_unknown_id_message_shows_at_most_the_start_of_a_long_id():
    """A paragraph pasted as an id (100,000 characters) was echoed whole in the one-line error."""
    from index.base.errors import UnknownIdError

    long = "招" * 100_000
    error = UnknownIdError("clause", long)
    assert str(error) == f"unknown clause id: {'招' * 120}…（共 100000 字）" and error.ident == long
    assert str(UnknownIdError("clause", "a/c1")) == "unknown clause id: a/c1"
