import requests
from fastapi import FastAPI

app = FastAPI()

FORECAST_URL = "https://forecast.partner.example/v2/daily"


@app.get("/forecast/{city}")
def forecast(city: str):
    # A plain def route runs in FastAPI's thread pool, so the event loop stays free
    # for other requests (and for the worker's heartbeat) while requests waits.
    resp = requests.get(FORECAST_URL, params={"city": city}, timeout=60)
    resp.raise_for_status()
    return resp.json()
