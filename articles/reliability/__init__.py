"""The reliability check: the archive under load through a PostgreSQL restart and outage,
and an import killed mid-run then rerun, each on a throwaway PostgreSQL of its own.

    outage.run_outage(...)      load on loopback while the database restarts and stops
    imports.kill_and_rerun(...) an import SIGKILLed mid-run, rerun, compared with a clean one

`manage.py reliability` (`make reliability`) runs both and prints the figures.
"""
