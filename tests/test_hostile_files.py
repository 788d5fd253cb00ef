"""Sources that are not regular files, streams that never end, links out of the folder: each is
refused with a code and the run goes on (each read runs in a thread with a deadline, so a
regression shows as a failure, not a hung suite)."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quotetrail.errors import LinkOutside, NotAFile, TooLarge
from quotetrail.read import Failure, ReadOptions, read_sources

STORY = (
    "The harbour master, Lucia Moreno, spoke to reporters on Monday.\n"
    '"The new pier will open in May," Moreno said.\n'
)


def within(seconds: float, run: Callable[[], Any]) -> Any:
    """``run()``'s result, or a test failure if it has not returned in time (a hang)."""
    box: list[Any] = []
    worker = threading.Thread(target=lambda: box.append(run()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, f"still reading after {seconds} s"
    return box[0]


def codes(items: list[Any]) -> list[str]:
    return [item.code if isinstance(item, Failure) else "article" for item in items]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_in_a_folder_is_skipped_with_a_code_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")  # nobody ever writes to it
    os.mkfifo(tmp_path / "c.jsonl")
    (tmp_path / "d.txt").write_text(STORY.replace("May", "June"), encoding="utf-8")
    items = within(10, lambda: list(read_sources([str(tmp_path)])))
    assert codes(items) == ["article", NotAFile.code, NotAFile.code, "article"]
    assert "named pipe" in items[1].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_given_as_a_source_is_skipped_with_a_code() -> None:
    items = within(10, lambda: list(read_sources(["/dev/zero", "/dev/null"])))
    assert codes(items) == [NotAFile.code, NotAFile.code]
    assert "character device" in items[0].message


def test_an_endless_stream_on_stdin_is_refused_at_the_cap_without_reading_on() -> None:
    class Endless(io.RawIOBase):
        def __init__(self) -> None:
            self.served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            view = memoryview(buffer).cast("B")
            view[:] = b"a" * len(view)
            self.served += len(view)
            return len(view)

    stream = Endless()
    options = ReadOptions(max_chars=1000)
    items = within(10, lambda: list(read_sources(["-"], stdin=stream, options=options)))  # type: ignore[arg-type]
    assert codes(items) == [TooLarge.code]
    assert stream.served <= options.max_text_bytes + 1 + (1 << 20)  # at most one more chunk


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(STORY.replace("Moreno", "Secret Person"), encoding="utf-8")
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(STORY.replace("May", "June"), encoding="utf-8")
    (folder / "sub" / "inside.txt").symlink_to(folder / "a.txt")  # a link within: read
    (folder / "sub" / "passwd.txt").symlink_to(outside)
    (folder / "up.txt").symlink_to(Path("..") / "secret.txt")
    items = list(read_sources([str(folder)]))
    assert codes(items) == ["article", "article", "article", LinkOutside.code, LinkOutside.code]
    assert not any("Secret" in getattr(item, "text", "") for item in items)
