import threading
import time

from articles import caching
from articles.caching import versioned


def together(count: int, call) -> list:
    """`call()` in `count` threads started at once; their results."""
    results = [None] * count
    start = threading.Barrier(count)

    def run(index):
        start.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return results


def test_readers_who_miss_together_wait_for_one_build():
    builds = []

    def slow_count():
        builds.append(1)
        time.sleep(0.3)
        return 42

    assert together(4, lambda: versioned("slow-count", slow_count)) == [42] * 4
    assert len(builds) == 1
    assert versioned("slow-count", slow_count) == 42 and len(builds) == 1


def test_when_the_build_fails_the_waiting_readers_build_it_themselves():
    calls = []

    def failing_first():
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.2)
            raise RuntimeError("the database went away")
        return "counted"

    def read():
        try:
            return versioned("flaky-count", failing_first)
        except RuntimeError as error:
            return str(error)

    started = time.monotonic()
    results = together(2, read)
    assert sorted(results) == ["counted", "the database went away"]
    assert time.monotonic() - started < caching.BUILD_WAIT_SECONDS / 2


def test_a_change_to_the_content_builds_it_again():
    assert versioned("count", lambda: 1) == 1
    caching.bump_content_version()
    assert versioned("count", lambda: 2) == 2
