"""runpod.serverless.utils: only the input validator is simulated."""
