from flask import Flask, jsonify, request
from transformers import pipeline

app = Flask(__name__)

# Built once per worker when gunicorn imports the app (or once in the arbiter with
# --preload), before the worker takes its first request.
summarizer = pipeline("summarization", model="facebook/bart-large-cnn")


@app.post("/summarize")
def summarize():
    text = request.get_json()["text"]
    summary = summarizer(text, max_length=120, min_length=30)[0]["summary_text"]
    return jsonify(summary=summary)
