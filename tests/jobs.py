"""Running the queue in the test's own process: the database worker's loop, until empty."""

from django_tasks_db.management.commands.db_worker import Worker


def work_off_queue() -> None:
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="test-worker",
           excluded_queue_names=[]).run()
