"""The progress a job's code reports (core/jobs/progress.py) and the heartbeat that publishes it
(core/jobs/heartbeat.py): reporting outside a job does nothing; inside one it costs no I/O; a
reader always finds a complete beat, even while the next is being written."""

import datetime
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from radsafe.core.jobs import heartbeat, progress
from radsafe.core.jobs.heartbeat import Beat


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_reporting_outside_a_job_does_nothing():
    progress.phase("writing", total=10)
    progress.report(5)
    assert list(progress.batches([1, 2, 3], 2)) == [[1, 2], [3]]


def test_a_job_sees_its_phases_and_batches():
    reporter = progress.Reporter()
    seen = []
    with progress.reporting(reporter):
        progress.phase("writing")
        for batch in progress.batches(list(range(1200)), 500):
            seen.append((len(batch), reporter.snapshot().done))
        final = reporter.snapshot()
    assert seen == [(500, 0), (500, 500), (200, 1000)]  # reported once each batch is done
    assert (final.phase, final.done, final.total) == ("writing", 1200, 1200)
    progress.report(1)  # the job is over: nobody listens
    assert reporter.snapshot().done == 1200


@pytest.mark.parametrize(
    ("phase", "done", "total", "percent"),
    [
        ("starting", 0, None, 0),
        ("reading", 500, 1000, 5),
        ("checking", 0, None, 10),
        ("writing", 0, 1000, 30),
        ("writing", 500, 1000, 64),
        ("writing", 1000, 1000, 99),
        ("writing", 2000, 1000, 99),  # never past the phase's end
        ("finishing", 0, None, 99),
    ],
)
def test_the_bar_moves_through_the_phases(phase, done, total, percent):
    assert progress.Progress(phase, done, total).percent == percent


def test_an_unknown_phase_is_a_programming_error():
    with pytest.raises(ValueError):
        progress.Reporter().phase("dreaming")


def beat(n: int) -> Beat:
    return Beat(attempt=1, at=time.time(), phase="writing", done=n, total=100)


def test_the_newest_complete_beat_is_read(media_root):
    assert heartbeat.read_beat("import-7") is None
    first = heartbeat.write_beat("import-7", beat(10), number=1)
    heartbeat.write_beat("import-7", beat(20), number=2)
    assert heartbeat.read_beat("import-7").done == 20
    # The next beat half-written: the reader falls back to the one before it.
    default_storage.save("jobs/import-7/00001-000000003.json", ContentFile(b'{"attempt": 1, "a'))
    assert heartbeat.read_beat("import-7").done == 20
    heartbeat.remove_beat(first)
    heartbeat.delete_beat("import-7")
    assert heartbeat.read_beat("import-7") is None
    assert not (media_root / "jobs" / "import-7").exists()


def test_a_later_attempt_sorts_after_an_earlier_one():
    heartbeat.write_beat("import-8", beat(90), number=500)
    heartbeat.write_beat("import-8", Beat(2, time.time(), "reading", 3, 10), number=1)
    assert heartbeat.read_beat("import-8").attempt == 2


def test_the_heartbeat_thread_beats_until_stopped_and_keeps_one_file():
    reporter = progress.Reporter()
    reporter.phase("writing", total=100)
    with heartbeat.beating("import-9", 1, reporter):
        reporter.report(42)
        deadline = time.monotonic() + 5
        while (heartbeat.read_beat("import-9") or beat(0)).done != 42:
            assert time.monotonic() < deadline, "no beat within 5 s"
            time.sleep(0.05)
    assert len(default_storage.listdir("jobs/import-9")[1]) == 1


def test_staleness_and_the_purge_of_abandoned_beats(settings):
    settings.RADSAFE_JOB_STALE_SECONDS = 30
    now = time.time()
    assert not heartbeat.is_stale(now - 29, now=now) and heartbeat.is_stale(now - 31, now=now)
    heartbeat.write_beat("import-10", beat(1), number=1)
    assert heartbeat.purge_stale_beats(before=timezone.now() - datetime.timedelta(hours=1)) == 0
    assert heartbeat.purge_stale_beats(before=timezone.now() + datetime.timedelta(seconds=1)) == 1
    assert heartbeat.read_beat("import-10") is None
