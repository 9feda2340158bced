from flask import Flask, jsonify, request
from transformers import pipeline

app = Flask(__name__)


@app.post("/summarize")
def summarize():
    text = request.get_json()["text"]
    # Built inside the view, the pipeline reads its weights again on every request,
    # and a sync worker sends gunicorn no heartbeat until the request is answered.
    summarizer = pipeline("summarization", model="facebook/bart-large-cnn")
    summary = summarizer(text, max_length=120, min_length=30)[0]["summary_text"]
    return jsonify(summary=summary)
