"""get_task_logger: a logger under "celery.task" (celery/utils/log.py)."""

import logging


def get_task_logger(name):
    return logging.getLogger(name)


def get_logger(name):
    return logging.getLogger(name)
