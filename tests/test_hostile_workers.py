"""Worker processes never outlive the ingester, whatever moment it is killed at: including
while they are still starting (importing spaCy, loading the pipeline)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

STORY = (
    "The council approved plan {n} on Monday.\n"
    '"We will finish the work within {n} months," Anna Berg told reporters.\n'
)


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("delay", [0.0, 0.5, 1.5])
def test_workers_exit_when_the_ingester_is_killed_during_start_up(
    tmp_path: Path, delay: float
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for n in range(8):
        (news / f"{n}.txt").write_text(STORY.format(n=n + 2), encoding="utf-8")
    command = [sys.executable, "-m", "quotetrail.cli", "ingest", str(news)]
    command += ["--db", str(tmp_path / "c.db"), "--workers", "2"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    started: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(started := children(process.pid)) < 2:  # two workers (and a resource tracker)
            assert process.poll() is None and time.monotonic() < deadline, "no workers started"
            time.sleep(0.005)
        time.sleep(delay)  # 0: the workers are still importing; later: loading the pipeline
        started = sorted(set(started) | set(children(process.pid)))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 20
        while any(alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in started if alive(pid)], "workers outlived the ingester"
    finally:
        for pid in started:  # only the processes this test started
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
