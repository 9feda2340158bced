"""Whisper predictions with faster-whisper; a model is loaded the first time a job asks for it."""

import gc
import threading

import numpy as np
from runpod.serverless.utils import rp_cuda

from faster_whisper import WhisperModel
from faster_whisper.utils import format_timestamp

AVAILABLE_MODELS = {"tiny", "base", "small", "medium", "large-v1", "large-v2", "large-v3", "turbo"}


class Predictor:
    def __init__(self):
        self.models = {}
        self.model_lock = threading.Lock()

    def setup(self):
        # Nothing is loaded up front: the job's "model" field decides which one.
        pass

    def predict(self, audio, model_name="base", transcription="plain_text", translate=False, language=None,
                temperature=0, beam_size=5, temperature_increment_on_fallback=0.2, enable_vad=False,
                word_timestamps=False):
        if model_name not in AVAILABLE_MODELS:
            raise ValueError(f"Invalid model name: {model_name}. Available models are: {AVAILABLE_MODELS}")

        with self.model_lock:
            if model_name not in self.models:
                self.models.clear()
                gc.collect()
                print(f"Loading model: {model_name}...")
                self.models[model_name] = WhisperModel(
                    model_name,
                    device="cuda" if rp_cuda.is_available() else "cpu",
                    compute_type="float16" if rp_cuda.is_available() else "int8",
                )
            model = self.models[model_name]

        if temperature_increment_on_fallback is not None:
            temperature = tuple(np.arange(temperature, 1.0 + 1e-6, temperature_increment_on_fallback))
        else:
            temperature = [temperature]

        segments, info = list(
            model.transcribe(
                str(audio),
                language=language,
                task="transcribe",
                beam_size=beam_size,
                temperature=temperature,
                vad_filter=enable_vad,
                word_timestamps=word_timestamps,
            )
        )
        segments = list(segments)

        translation_output = None
        if translate:
            translated, _ = model.transcribe(str(audio), task="translate", temperature=temperature)
            translation_output = format_segments(transcription, list(translated))

        return {
            "segments": [{"id": s.id, "start": s.start, "end": s.end, "text": s.text} for s in segments],
            "detected_language": info.language,
            "transcription": format_segments(transcription, segments),
            "translation": translation_output,
            "device": "cuda" if rp_cuda.is_available() else "cpu",
            "model": model_name,
        }


def format_segments(kind, segments):
    if kind == "plain_text":
        return " ".join(segment.text.lstrip() for segment in segments)
    if kind == "srt":
        lines = []
        for i, segment in enumerate(segments, start=1):
            start = format_timestamp(segment.start, always_include_hours=True, decimal_marker=",")
            end = format_timestamp(segment.end, always_include_hours=True, decimal_marker=",")
            lines.append(f"{i}\n{start} --> {end}\n{segment.text.strip()}\n")
        return "\n".join(lines)
    return "\n".join(segment.text.strip() for segment in segments)
