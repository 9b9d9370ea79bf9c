import pytest
from django.core.management import CommandError, call_command

from articles.management.commands.bench_throughput import wrk_figures

# The shape of wrk 4's report with --latency.
REPORT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    70.12ms   10.01ms 150.00ms   80.00%
    Req/Sec   114.20     20.11   160.00     70.00%
  Latency Distribution
     50%   69.00ms
     75%   75.00ms
     90%   80.00ms
     99%    1.20s
  2284 requests in 10.01s, 30.00MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:    228.17
Transfer/sec:      3.00MB
"""


def test_wrk_figures_are_read_in_milliseconds_with_the_failed_requests():
    assert wrk_figures(REPORT) == (228.17, 69.0, 1200.0, 5)


def test_an_unreadable_wrk_report_is_an_error_that_shows_it():
    with pytest.raises(CommandError, match="could not be read"):
        wrk_figures("unable to connect to 127.0.0.1:8000 Connection refused")


@pytest.mark.django_db
def test_without_wrk_the_command_says_how_to_install_it(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(CommandError, match="apt-get install wrk"):
        call_command("bench_throughput")
