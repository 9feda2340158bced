"""botocore.response.StreamingBody over a simulated body: read(), iter_lines(), iter_chunks()."""

import io


class StreamingBody(io.IOBase):
    _DEFAULT_CHUNK_SIZE = 1024

    def __init__(self, raw_stream, content_length=None):
        super().__init__()
        if isinstance(raw_stream, (bytes, bytearray)):
            raw_stream = io.BytesIO(bytes(raw_stream))
        self._raw_stream = raw_stream
        self._content_length = content_length
        self._amount_read = 0

    def readable(self):
        return True

    def read(self, amt=None):
        chunk = self._raw_stream.read() if amt is None else self._raw_stream.read(amt)
        self._amount_read += len(chunk)
        return chunk

    def readlines(self):
        return self._raw_stream.readlines()

    def __iter__(self):
        return self.iter_chunks(self._DEFAULT_CHUNK_SIZE)

    def iter_lines(self, chunk_size=_DEFAULT_CHUNK_SIZE, keepends=False):
        for line in self.read().splitlines(keepends):
            yield line

    def iter_chunks(self, chunk_size=_DEFAULT_CHUNK_SIZE):
        while True:
            chunk = self.read(chunk_size)
            if not chunk:
                return
            yield chunk

    def tell(self):
        return self._raw_stream.tell()

    def close(self):
        self._raw_stream.close()
