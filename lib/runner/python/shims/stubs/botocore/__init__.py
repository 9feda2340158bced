"""Simulator stub of botocore 1.43.67: clients for S3, SQS, DynamoDB, Lambda and Bedrock runtime on
the simulated network, Config, StreamingBody and the exceptions. See client.py for the retry modes
and SOURCES.md beside the stubs for where each default comes from."""

__version__ = "1.43.67"
