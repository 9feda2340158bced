"""runpod.Endpoint as runpod-python 1.12.0 builds it (runpod/endpoint/runner.py), over the requests
stub, so every call is a request to api.runpod.ai (RunPod's queue model, or a response rule):

- a requests.Session with HTTPAdapter(max_retries=Retry(total=5, backoff_factor=1,
  status_forcelist=[408, 429])) mounted on "http://" only, so calls to the https API get no
  retries, as in the SDK;
- run() POSTs /run (timeout 10 s) and returns a Job; run_sync(timeout=86400) POSTs /runsync with
  that timeout and, when the job is not final yet, polls Job.output(timeout): /status once a second
  (time.sleep(1), one second counted per poll however long the poll took) until a final state,
  else TimeoutError("Job timed out.");
- status() / output() GET /status/<id> (10 s), cancel() POSTs /cancel/<id> (3 s), health() GETs
  /health (3 s), purge_queue() POSTs /purge-queue (3 s);
- a 401 raises RuntimeError(UNAUTHORIZED_MSG); any other error status requests' HTTPError.
"""

import time

import requests
from requests.adapters import HTTPAdapter, Retry

from .helpers import API_KEY_NOT_SET_MSG, FINAL_STATES, UNAUTHORIZED_MSG, is_completed


class RunPodClient:
    def __init__(self, api_key=None):
        import runpod

        self.api_key = api_key or runpod.api_key
        if self.api_key is None:
            raise RuntimeError(API_KEY_NOT_SET_MSG)
        self.rp_session = requests.Session()
        retries = Retry(total=5, backoff_factor=1, status_forcelist=[408, 429])
        self.rp_session.mount("http://", HTTPAdapter(max_retries=retries))
        self.headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.api_key}"}
        self.endpoint_url_base = runpod.endpoint_url_base

    def _request(self, method, endpoint, data=None, timeout=10):
        url = f"{self.endpoint_url_base}/{endpoint}"
        response = self.rp_session.request(method, url, headers=self.headers, json=data, timeout=timeout)
        if response.status_code == 401:
            raise RuntimeError(UNAUTHORIZED_MSG)
        response.raise_for_status()
        return response.json()

    def post(self, endpoint, data, timeout=10):
        return self._request("POST", endpoint, data, timeout)

    def get(self, endpoint, timeout=10):
        return self._request("GET", endpoint, timeout=timeout)


class Job:
    def __init__(self, endpoint_id, job_id, client):
        self.endpoint_id = endpoint_id
        self.job_id = job_id
        self.rp_client = client
        self.job_status = None
        self.job_output = None

    def _fetch_job(self, source="status"):
        job_state = self.rp_client.get(endpoint=f"{self.endpoint_id}/{source}/{self.job_id}")
        if is_completed(job_state["status"]):
            self.job_status = job_state["status"]
            self.job_output = job_state.get("output", None)
        return job_state

    def status(self):
        if self.job_status is not None:
            return self.job_status
        return self._fetch_job()["status"]

    def output(self, timeout=0):
        if timeout > 0:
            while not is_completed(self.status()):
                time.sleep(1)
                timeout -= 1
                if timeout <= 0:
                    raise TimeoutError("Job timed out.")
        if self.job_output is not None:
            return self.job_output
        return self._fetch_job().get("output", None)

    def stream(self):
        while True:
            time.sleep(1)
            partial = self._fetch_job(source="stream")
            if partial["status"] not in FINAL_STATES or len(partial.get("stream", [])) > 0:
                for chunk in partial.get("stream", []):
                    yield chunk["output"]
            elif partial["status"] in FINAL_STATES:
                break

    def cancel(self, timeout=3):
        return self.rp_client.post(f"{self.endpoint_id}/cancel/{self.job_id}", data=None, timeout=timeout)


class Endpoint:
    def __init__(self, endpoint_id, api_key=None):
        self.endpoint_id = endpoint_id
        self.rp_client = RunPodClient(api_key=api_key)

    def run(self, request_input):
        if not request_input.get("input"):
            request_input = {"input": request_input}
        job_request = self.rp_client.post(f"{self.endpoint_id}/run", request_input)
        return Job(self.endpoint_id, job_request["id"], self.rp_client)

    def run_sync(self, request_input, timeout=86400):
        if not request_input.get("input"):
            request_input = {"input": request_input}
        job_request = self.rp_client.post(f"{self.endpoint_id}/runsync", request_input, timeout=timeout)
        if job_request["status"] in FINAL_STATES:
            return job_request.get("output", None)
        return Job(self.endpoint_id, job_request["id"], self.rp_client).output(timeout=timeout)

    def health(self, timeout=3):
        return self.rp_client.get(f"{self.endpoint_id}/health", timeout=timeout)

    def purge_queue(self, timeout=3):
        return self.rp_client.post(f"{self.endpoint_id}/purge-queue", data=None, timeout=timeout)
