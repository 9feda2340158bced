INPUT_VALIDATIONS = {
    "audio": {"type": str, "required": False, "default": None},
    "audio_base64": {"type": str, "required": False, "default": None},
    "model": {"type": str, "required": False, "default": "base"},
    "transcription": {"type": str, "required": False, "default": "plain_text"},
    "translate": {"type": bool, "required": False, "default": False},
    "language": {"type": str, "required": False, "default": None},
    "temperature": {"type": float, "required": False, "default": 0},
    "beam_size": {"type": int, "required": False, "default": 5},
    "temperature_increment_on_fallback": {"type": float, "required": False, "default": 0.2},
    "enable_vad": {"type": bool, "required": False, "default": False},
    "word_timestamps": {"type": bool, "required": False, "default": False},
}
