"""The web server's memory on PostgreSQL: vectors ranked in the database against held in memory.

    python benchmarks/pg_archive.py postgresql://.../dev --vectors-from dev.db   # once
    python benchmarks/server_memory.py postgresql://.../dev [--searches 40]

Starts `podsift serve` on the archive twice, one after the other: as it runs (semantic
search in PostgreSQL's HNSW index), then with the store made to say it keeps no vectors,
so every connection the server keeps loads them into an in-memory index (as all versions
before this benchmark did). Each time it prints the server's resident memory once it has
started (the model loaded, one warm-up search done), after ``--searches`` hybrid
searches of the dev questions (sequential requests take the server's connections in
turn, so every one of them searches), and its peak; the server's own search time (p50);
and the size of the vector matrix one in-memory index holds.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE.parent.parent / "shared" / "eval" / "dev-questions.jsonl"
# `podsift` as it runs, and `podsift` with PostgreSQL's vectors ranked in memory.
KINDS = {
    "in the database": "from podsift.cli import main; main()",
    "in memory": (
        "from podsift.store.postgres import PostgresStore; "
        "PostgresStore.vectors_in_database = property(lambda self: False); "
        "from podsift.cli import main; main()"
    ),
}


def memory_mb(pid: int) -> dict[str, float]:
    """Resident (VmRSS) and peak resident (VmHWM) memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024  # kB
    return fields


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, kind: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    cmd = [sys.executable, "-c", KINDS[kind], "--db", url, "serve", "--port", str(port)]
    process = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/episodes", timeout=5)
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"podsift serve did not start: {process.stderr.read() if process.stderr else ''}") from None
            time.sleep(0.5)


def measure(url: str, kind: str, questions: list[str]) -> dict[str, float]:
    process, base = serve(url, kind)
    try:
        started = memory_mb(process.pid)["VmRSS"]
        times = []
        for question in questions:
            with urllib.request.urlopen(f"{base}/api/search?q={quote(question)}&mode=hybrid&limit=10", timeout=60) as r:
                json.load(r)
                times.append(float(r.headers["server-timing"].split("dur=")[1]))
        after = memory_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"started_mb": started, "after_mb": after["VmRSS"], "peak_mb": after["VmHWM"],
            "search_p50_ms": statistics.median(times)}  # fmt: skip


def matrix_mb(url: str) -> tuple[int, int, float]:
    """(moments with a vector, dimensions, MB of one in-memory index's float32 matrix)."""
    from podsift.embed import active_model
    from podsift.store import open_store

    with open_store(url) as store:
        model = active_model(store).name
        moments, dimensions = store.conn.execute(
            "SELECT count(*), max(vector_dims(v.embedding)) FROM moments m "
            "JOIN embeddings v ON v.model = %s AND v.text_hash = m.embed_hash",
            (model,),
        ).fetchone()
    return moments, dimensions, moments * dimensions * 4 / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="an embedded PostgreSQL archive (benchmarks/pg_archive.py makes the dev corpus one)")
    parser.add_argument("--searches", type=int, default=40)
    args = parser.parse_args()
    from podsift.web.archive import POSTGRES_SESSIONS

    lines = QUESTIONS.read_text().splitlines()
    questions = [json.loads(line)["question"] for line in lines][: args.searches]
    moments, dimensions, size = matrix_mb(args.url)
    print(f"{moments:,} moment vectors of {dimensions} dimensions: {size:.1f} MB per in-memory index; "
          f"the server keeps {POSTGRES_SESSIONS} connections, each with its own index")  # fmt: skip
    print(f"{'vectors ranked':<16} {'RSS started':>12} {'after ' + str(len(questions)):>10} {'peak':>8} {'search p50':>11}")
    for kind in KINDS:
        row = measure(args.url, kind, questions)
        print(f"{kind:<16} {row['started_mb']:>9.0f} MB {row['after_mb']:>7.0f} MB {row['peak_mb']:>5.0f} MB "
              f"{row['search_p50_ms']:>8.1f} ms", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
