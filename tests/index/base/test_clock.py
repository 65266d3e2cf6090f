import datetime as dt

from index.base.clock import utc_iso


def test_an_aware_time_is_written_in_utc_with_z():
    shanghai = dt.timezone(dt.timedelta(hours=8))
    assert utc_iso(dt.datetime(2026, 12, 1, 8, 0, 5, 123456, tzinfo=shanghai)) == "2026-12-01T00:00:05Z"


def test_a_naive_time_means_utc_and_milliseconds_are_kept_when_asked():
    assert utc_iso(dt.datetime(2026, 12, 1, 0, 0, 5, 123456), timespec="milliseconds") == "2026-12-01T00:00:05.123Z"


def test_now_is_a_utc_stamp_that_sorts_as_text():
    before = utc_iso(dt.datetime.now(dt.UTC) - dt.timedelta(seconds=2))
    now = utc_iso()
    assert now.endswith("Z") and len(now) == 20 and before < now
