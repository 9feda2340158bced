"""werkzeug.serving.run_simple: a development server serves until it is stopped, so the module's
code after it never runs; the simulator serves the app it was given as the entry instead."""

from _deadline import state, wsgi


def run_simple(hostname, port, application, **options):
    wsgi.serve_forever(application, "werkzeug.serving.run_simple")
    raise state.WorkerExit()
