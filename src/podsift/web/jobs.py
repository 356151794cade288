"""Writes the server goes on with after it has answered: a feed's sync, polled for its progress.

A big feed takes minutes to download, parse and embed, longer than a browser or a
reverse proxy waits for one response. Started as a job, the request answers at once
(202, with where to ask), and the work runs in a thread of its own.
"""

from __future__ import annotations

import dataclasses
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Job:
    id: str
    kind: str  # "feed"
    subject: str  # what it works on: the feed's URL
    state: str = "running"  # then "done" or "failed"
    done: int = 0  # items handled so far
    total: int | None = None  # items to handle, once known
    result: dict[str, Any] | None = None  # what the request would have answered, when done
    error: str | None = None
    status: int | None = None  # the HTTP status a failure would have answered with
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def as_dict(self, root: str = "") -> dict[str, Any]:
        """The job as the API gives it; ``root``: the root path the app is served under."""
        return {"job": self.id, "kind": self.kind, "subject": self.subject, "state": self.state,
                "done": self.done, "total": self.total, "result": self.result, "error": self.error,
                "status": self.status, "status_url": root + status_url(self.id),
                "seconds": round((self.finished or time.time()) - self.started, 1)}  # fmt: skip


def status_url(job_id: str) -> str:
    return f"/api/jobs/{job_id}"


class Jobs:
    """The server's jobs, the latest ``KEEP`` of them; one running job per subject."""

    KEEP = 100

    def __init__(self, failure: Callable[[BaseException], tuple[int, str]]) -> None:
        # How an exception becomes (status, message): the server's own errors keep theirs.
        self._failure = failure
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, kind: str, subject: str, work: Callable[[Job], dict[str, Any]]) -> Job:
        """Run ``work`` in a thread, or hand back the job already running for ``subject``."""
        with self._lock:
            running = next((j for j in self._jobs.values()
                            if j.kind == kind and j.subject == subject and j.state == "running"), None)  # fmt: skip
            if running is not None:
                return running
            job = Job(secrets.token_urlsafe(9), kind, subject)
            self._jobs[job.id] = job
            while len(self._jobs) > self.KEEP:
                oldest = next((k for k, j in self._jobs.items() if j.state != "running"), None)
                if oldest is None:
                    break
                del self._jobs[oldest]
        threading.Thread(target=self._run, args=(job, work), name=f"podsift-{kind}-job", daemon=True).start()
        return job

    def _run(self, job: Job, work: Callable[[Job], dict[str, Any]]) -> None:
        try:
            result = work(job)
            with self._lock:
                job.result, job.state, job.finished = result, "done", time.time()
        except Exception as err:  # the job reports it; the thread must not die silently
            status, error = self._failure(err)
            with self._lock:
                job.status, job.error, job.state, job.finished = status, error, "failed", time.time()

    def get(self, job_id: str) -> Job | None:
        """A copy of the job as it is now: a page reads its state more than once (its status code, then
        its text), and must not see a running job in one and a failed one in the other."""
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else dataclasses.replace(job)
