"""Running the queue in the test's own process, with the database worker's own code.

The worker's loop closes and reopens connections between tasks, which a test's open
transaction does not allow on PostgreSQL; the claiming and running of each task are the
worker's own. Separate worker processes are tested in test_worker_processes.py.
"""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction


def work_off_queue() -> None:
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id="test-worker",
                    excluded_queue_names=[])
    while (result := claim_next(worker)) is not None:
        worker.run_task(result)


def claim_next(worker: Worker) -> DBTaskResult | None:
    # Claiming locks the row, which needs a transaction of its own when the test runs
    # without one (live-server tests on PostgreSQL), exactly as in the worker's loop.
    with exclusive_transaction(DBTaskResult.objects.db):
        result = DBTaskResult.objects.ready().get_locked()
        if result is not None:
            result.claim(worker.worker_id)
    return result
