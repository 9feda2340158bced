import requests
from fastapi import FastAPI

app = FastAPI()

FORECAST_URL = "https://forecast.partner.example/v2/daily"


@app.get("/forecast/{city}")
async def forecast(city: str):
    # requests is synchronous: inside async def it runs on the event loop itself,
    # so nothing else in this worker runs until the partner answers.
    resp = requests.get(FORECAST_URL, params={"city": city}, timeout=60)
    resp.raise_for_status()
    return resp.json()
