"""A running job's heartbeat and progress: small JSON files in Django's storage, under
`jobs/<name>/`, one written every second by a thread of the worker process.

Why not a row in the database: on SQLite the job's one transaction holds the database's only write
lock for the length of the commit, so no other connection could write the progress, and the job's
own connection writes inside that transaction, which nobody sees before it ends. Storage is what
every web server and worker already share (the uploads live there), on one host or many, on SQLite
or PostgreSQL. Each beat is a new file, written before the one it replaces is removed, so a reader
always finds a complete beat (the storage API neither renames nor overwrites in place, and a page
that found no beat of a running job would take it for dead).

Why a thread: the job's own code may spend seconds in one statement (a bulk insert, the chain of
audit hashes), and a beat must not depend on it reporting. A worker that dies — killed, out of
memory, its machine gone — stops beating with it, and the page judges the job dead once its last
beat is older than RADSAFE_JOB_STALE_SECONDS (`is_stale`)."""

import datetime
import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from radsafe.core.jobs.progress import Progress, Reporter

JOBS_DIR = "jobs"
INTERVAL_SECONDS = 1.0

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Beat:
    attempt: int
    at: float  # seconds since the epoch, as the worker's clock read it
    phase: str
    done: int
    total: int | None

    @property
    def progress(self) -> Progress:
        return Progress(self.phase, self.done, self.total)


def beat_folder(name: str) -> str:
    return f"{JOBS_DIR}/{name}"


def _beat_files(name: str) -> list[str]:
    """Newest first: the names sort by attempt, then by the beat's number."""
    try:
        _dirs, files = default_storage.listdir(beat_folder(name))
    except (FileNotFoundError, NotImplementedError):
        return []
    return sorted((f for f in files if f.endswith(".json")), reverse=True)


def write_beat(name: str, beat: Beat, *, number: int) -> str:
    """Write `beat` as a new file; the caller removes the one it replaces once this one is
    complete (`remove_beat`)."""
    path = f"{beat_folder(name)}/{beat.attempt:05d}-{number:09d}.json"
    return default_storage.save(path, ContentFile(json.dumps(asdict(beat)).encode()))


def remove_beat(path: str) -> None:
    default_storage.delete(path)


def read_beat(name: str) -> Beat | None:
    """The newest complete beat; None when the job has not beaten yet (or has ended)."""
    for _tries in range(3):  # the newest may be half-written, the one before it removed since
        files = _beat_files(name)
        if not files:
            return None
        for file_name in files:
            try:
                with default_storage.open(f"{beat_folder(name)}/{file_name}", "rb") as file:
                    return Beat(**json.loads(file.read()))
            except (OSError, ValueError, TypeError):
                continue
    return None


def delete_beat(name: str) -> None:
    try:
        for file_name in _beat_files(name):
            default_storage.delete(f"{beat_folder(name)}/{file_name}")
        default_storage.delete(beat_folder(name))  # the folder itself, where there is one
    except OSError:
        logger.warning("could not remove the heartbeat of job %s", name, exc_info=True)


def purge_stale_beats(*, before: datetime.datetime) -> int:
    """Remove what jobs killed before `before` left behind (a job that ends removes its own)."""
    try:
        folders, _files = default_storage.listdir(JOBS_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    removed = 0
    for folder in folders:
        name = folder
        files = _beat_files(name)
        try:
            newest = default_storage.get_modified_time(f"{beat_folder(name)}/{files[0]}")
        except (IndexError, FileNotFoundError, NotImplementedError):
            newest = None
        if newest is None or newest < before:
            delete_beat(name)
            removed += 1
    return removed


def is_stale(last_beat_at: float, *, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    return now - last_beat_at > settings.RADSAFE_JOB_STALE_SECONDS


class Heartbeat(threading.Thread):
    def __init__(self, name: str, attempt: int, reporter: Reporter):
        super().__init__(name=f"heartbeat-{name}", daemon=True)
        self.job_name, self.attempt, self.reporter = name, attempt, reporter
        self._stopped = threading.Event()
        self._number = 0
        self._previous: str | None = None

    def run(self) -> None:
        while True:
            self.beat()
            if self._stopped.wait(INTERVAL_SECONDS):
                return

    def beat(self) -> None:
        state = self.reporter.snapshot()
        beat = Beat(self.attempt, time.time(), state.phase, state.done, state.total)
        self._number += 1
        try:
            written = write_beat(self.job_name, beat, number=self._number)
            if self._previous is not None:
                remove_beat(self._previous)
            self._previous = written
        except Exception:  # a full disk must not end the job; a page may then judge it dead
            logger.warning("could not write the heartbeat of job %s", self.job_name, exc_info=True)

    def stop(self) -> None:
        self._stopped.set()
        self.join()


@contextmanager
def beating(name: str, attempt: int, reporter: Reporter) -> Iterator[None]:
    """Beat for the length of the block; the beat is left in place for the caller to remove once
    the job's outcome is stored."""
    heartbeat = Heartbeat(name, attempt, reporter)
    heartbeat.start()
    try:
        yield
    finally:
        heartbeat.stop()
