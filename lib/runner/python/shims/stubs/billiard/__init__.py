"""Simulator stub of billiard 4.2 (celery/billiard): the time-limit exceptions Celery's prefork
pool raises. See ../RUNTIMES.md."""

__version__ = "4.2.1"
