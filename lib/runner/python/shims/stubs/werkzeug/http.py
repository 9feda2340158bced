"""werkzeug.http: the status phrases."""

from http import HTTPStatus

HTTP_STATUS_CODES = {status.value: status.phrase for status in HTTPStatus}
