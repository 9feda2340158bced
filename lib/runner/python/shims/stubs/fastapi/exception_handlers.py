"""FastAPI's default exception handlers (fastapi/exception_handlers.py, 0.141.1): HTTPException
becomes {"detail": ...} as JSON (no body for 204/304 and 1xx), RequestValidationError a 422
with {"detail": errors}."""

from starlette.responses import JSONResponse, Response

from .encoders import jsonable_encoder


def _body_allowed(status_code):
    return not (status_code < 200 or status_code in (204, 205, 304))


async def http_exception_handler(request, exc):
    headers = getattr(exc, "headers", None)
    if not _body_allowed(exc.status_code):
        return Response(status_code=exc.status_code, headers=headers)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)


async def request_validation_exception_handler(request, exc):
    return JSONResponse(status_code=422, content={"detail": jsonable_encoder(exc.errors())})
