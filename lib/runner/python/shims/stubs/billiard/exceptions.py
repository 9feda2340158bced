"""billiard/exceptions.py: TimeLimitExceeded and SoftTimeLimitExceeded render their args as
"TimeLimitExceeded(30.0,)" / "SoftTimeLimitExceeded()"."""


class TimeLimitExceeded(Exception):
    """The time limit has been exceeded and the job has been terminated."""

    def __str__(self):
        return "TimeLimitExceeded%s" % (self.args,)


class SoftTimeLimitExceeded(Exception):
    """The soft time limit has been exceeded. This exception is raised to give the task a chance
    to clean up."""

    def __str__(self):
        return "SoftTimeLimitExceeded%s" % (self.args,)


class WorkerLostError(Exception):
    """The worker processing a job has exited prematurely."""


class Terminated(Exception):
    """The worker processing a job has been terminated by user request."""
