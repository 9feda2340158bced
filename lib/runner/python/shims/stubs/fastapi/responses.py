from starlette.responses import (  # noqa: F401
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)


class ORJSONResponse(JSONResponse):
    pass


class UJSONResponse(JSONResponse):
    pass
