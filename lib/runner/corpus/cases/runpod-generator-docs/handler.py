import runpod


def generator_handler(job):
    for count in range(3):
        result = f"This is the {count} generated output."
        yield result


runpod.serverless.start(
    {
        "handler": generator_handler,
        "return_aggregate_stream": True,
    }
)
