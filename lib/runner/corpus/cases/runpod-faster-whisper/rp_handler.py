import base64
import tempfile

from rp_schema import INPUT_VALIDATIONS
from runpod.serverless.utils import download_files_from_urls, rp_cleanup, rp_debugger
from runpod.serverless.utils.rp_validator import validate
import runpod
import predict


MODEL = predict.Predictor()
MODEL.setup()


def base64_to_tempfile(base64_file: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".wav", delete=False) as temp_file:
        temp_file.write(base64.b64decode(base64_file))
    return temp_file.name


@rp_debugger.FunctionTimer
def run_whisper_job(job):
    job_input = job["input"]

    with rp_debugger.LineTimer("validation_step"):
        input_validation = validate(job_input, INPUT_VALIDATIONS)
        if "errors" in input_validation:
            return {"error": input_validation["errors"]}
        job_input = input_validation["validated_input"]

    if not job_input.get("audio", False) and not job_input.get("audio_base64", False):
        return {"error": "Must provide either audio or audio_base64"}
    if job_input.get("audio", False) and job_input.get("audio_base64", False):
        return {"error": "Must provide either audio or audio_base64, not both"}

    if job_input.get("audio", False):
        with rp_debugger.LineTimer("download_step"):
            audio_input = download_files_from_urls(job["id"], [job_input["audio"]])[0]
    if job_input.get("audio_base64", False):
        audio_input = base64_to_tempfile(job_input["audio_base64"])

    with rp_debugger.LineTimer("prediction_step"):
        whisper_results = MODEL.predict(
            audio=audio_input,
            model_name=job_input["model"],
            transcription=job_input["transcription"],
            translate=job_input["translate"],
            language=job_input["language"],
            temperature=job_input["temperature"],
            beam_size=job_input["beam_size"],
            temperature_increment_on_fallback=job_input["temperature_increment_on_fallback"],
            enable_vad=job_input["enable_vad"],
            word_timestamps=job_input["word_timestamps"],
        )

    with rp_debugger.LineTimer("cleanup_step"):
        rp_cleanup.clean(["input_objects"])

    return whisper_results


runpod.serverless.start({"handler": run_whisper_job})
