"""A running job's heartbeat and progress: a small JSON file per job in Django's storage
(`jobs/<name>.json`), rewritten every second by a thread of the worker process.

Why not a row in the database: on SQLite the job's one transaction holds the database's only write
lock for the length of the commit, so no other connection could write the progress, and the job's
own connection writes inside that transaction, which nobody sees before it ends. Storage is what
every web server and worker already share (the uploads live there), on one host or many, on SQLite
or PostgreSQL; a beat is written by one thread and replaced whole.

Why a thread: the job's own code may spend seconds in one statement (a bulk insert, the chain of
audit hashes), and a beat must not depend on it reporting. A worker that dies — killed, out of
memory, its machine gone — stops beating with it, and the page judges the job dead once its last
beat is older than RADSAFE_JOB_STALE_SECONDS (`is_stale`)."""

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

from .progress import Progress, Reporter

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


def beat_path(name: str) -> str:
    return f"{JOBS_DIR}/{name}.json"


def write_beat(name: str, beat: Beat) -> None:
    path = beat_path(name)
    default_storage.delete(path)  # the storage API never overwrites: it would pick another name
    default_storage.save(path, ContentFile(json.dumps(asdict(beat)).encode()))


def read_beat(name: str) -> Beat | None:
    """None when there is none yet, or when it is being replaced at this very moment."""
    try:
        with default_storage.open(beat_path(name), "rb") as file:
            return Beat(**json.loads(file.read()))
    except (OSError, ValueError, TypeError):
        return None


def delete_beat(name: str) -> None:
    try:
        default_storage.delete(beat_path(name))
    except OSError:
        logger.warning("could not remove the heartbeat of job %s", name, exc_info=True)


def is_stale(last_beat_at: float, *, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    return now - last_beat_at > settings.RADSAFE_JOB_STALE_SECONDS


class Heartbeat(threading.Thread):
    def __init__(self, name: str, attempt: int, reporter: Reporter):
        super().__init__(name=f"heartbeat-{name}", daemon=True)
        self.job_name, self.attempt, self.reporter = name, attempt, reporter
        self._stopped = threading.Event()

    def run(self) -> None:
        while True:
            self.beat()
            if self._stopped.wait(INTERVAL_SECONDS):
                return

    def beat(self) -> None:
        state = self.reporter.snapshot()
        beat = Beat(self.attempt, time.time(), state.phase, state.done, state.total)
        try:
            write_beat(self.job_name, beat)
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
