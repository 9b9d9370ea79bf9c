"""An import SIGKILLed mid-run and rerun leaves what a clean import leaves (own PostgreSQL).

The load-and-outage half of the reliability check runs in `make reliability`; the
outage handling itself is tested in test_database_outage.py.
"""

from archive.throwaway_postgres import ThrowawayPostgres
from articles.reliability.imports import kill_and_rerun


def test_a_killed_and_rerun_import_leaves_no_duplicate_partial_or_unindexed_article(tmp_path):
    with ThrowawayPostgres() as server:
        result = kill_and_rerun(server, tmp_path / "files", articles=150, kill_after=100)
    assert not result.finished_before_kill
    assert 100 <= result.saved_when_killed < 150
    assert result.rerun_exit_code == 0
    assert result.articles == 150
    assert (result.duplicates, result.missing, result.partial) == (0, 0, 0)
    assert (result.unindexed_articles, result.unindexed_statements) == (0, 0)
