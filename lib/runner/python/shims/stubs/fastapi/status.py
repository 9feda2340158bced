from starlette.status import *  # noqa: F401,F403
