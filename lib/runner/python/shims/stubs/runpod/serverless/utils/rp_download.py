"""runpod-python 1.12.0 rp_download: download_files_from_urls and file(), over the requests stub.

One GET per URL (timeout=5 for download_files_from_urls, 30 for file()); download_files_from_urls has the SDK's
backoff.on_exception(backoff.expo, RequestException, max_tries=3): up to three tries, waiting
random.uniform(0, 1) then random.uniform(0, 2) s (backoff 2.2.1's expo with full_jitter). A URL
still failing is printed ("Failed to download <url>: <error>") and gives None. The URLs are fetched
on a thread pool, so they overlap. rp_ssrf's check is kept for what the simulator can know
without DNS: a literal non-public address (127.0.0.1, 10.x, 169.254.169.254, ...) or localhost
raises SSRFError unless RUNPOD_ALLOW_PRIVATE_DOWNLOAD_URLS is set; a host name is taken to be public.
"""

import ipaddress
import os
import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

from requests import RequestException, Session

from _deadline import network

HEADERS = {"User-Agent": "runpod-python/0.0.0 (https://runpod.io; support@runpod.io)"}
MAX_TRIES = 3


class SSRFError(ValueError):
    pass


def _check(url):
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        raise SSRFError(f"blocked URL scheme {parsed.scheme!r}: only http and https are allowed")
    if os.environ.get("RUNPOD_ALLOW_PRIVATE_DOWNLOAD_URLS", "").strip().lower() in ("1", "true", "yes"):
        return
    host = (parsed.hostname or "").lower()
    address = "127.0.0.1" if host == "localhost" else host
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return
    if not ip.is_global or ip in ipaddress.ip_network("100.64.0.0/10"):
        raise SSRFError(f"host {host!r} resolves to non-public address {ip}")


def _get(url, timeout, tries=MAX_TRIES):
    _check(url)
    for attempt in range(1, tries + 1):
        try:
            response = Session().get(url, headers=HEADERS, timeout=timeout, allow_redirects=True, stream=True)
            response.raise_for_status()
            return response
        except RequestException:
            if attempt == tries:
                raise
            wait = random.uniform(0, 2 ** (attempt - 1))
            network.sleep(wait, network.caller_line(), f"runpod download backoff {wait:.3g} s")


def download_files_from_urls(job_id, urls):
    directory = os.path.abspath(os.path.join("jobs", job_id, "downloaded_files"))
    os.makedirs(directory, exist_ok=True)

    def download(url):
        if url is None:
            return None
        path = os.path.join(directory, f"{uuid.uuid4()}")
        try:
            response = _get(url, 5)
        except RequestException as err:
            print(f"Failed to download {url}: {err}")
            return None
        extension = ""
        disposition = response.headers.get("Content-Disposition")
        if disposition:
            for part in disposition.split(";"):
                key, _, value = part.strip().partition("=")
                if key.lower() == "filename":
                    extension = os.path.splitext(value.strip('"'))[1]
        if not extension:
            extension = os.path.splitext(urlparse(url).path)[1]
        with open(path + extension, "wb") as out:
            out.write(response.content)
        return os.path.abspath(path + extension)

    if isinstance(urls, str):
        urls = [urls]
    with ThreadPoolExecutor() as executor:
        return list(executor.map(download, urls))


def file(file_url):
    os.makedirs("job_files", exist_ok=True)
    response = _get(file_url, 30, tries=1)
    name = os.path.basename(urlparse(file_url).path)
    file_type = os.path.splitext(name)[1].replace(".", "")
    path = os.path.join("job_files", f"{uuid.uuid4()}.{file_type}")
    with open(path, "wb") as out:
        out.write(response.content)
    return {"file_path": os.path.abspath(path), "type": file_type, "original_name": name, "extracted_path": None}
