"""boto3.s3.transfer.TransferConfig with boto3's defaults (8 MB multipart threshold and chunks, 10
threads). Accepted for its arguments: the simulator uploads in one PUT."""

MB = 1024 * 1024


class TransferConfig:
    def __init__(self, multipart_threshold=8 * MB, max_concurrency=10, multipart_chunksize=8 * MB,
                 num_download_attempts=5, max_io_queue=100, io_chunksize=256 * 1024, use_threads=True,
                 max_bandwidth=None, preferred_transfer_client="auto"):
        self.multipart_threshold = multipart_threshold
        self.max_concurrency = max_concurrency
        self.multipart_chunksize = multipart_chunksize
        self.num_download_attempts = num_download_attempts
        self.max_io_queue = max_io_queue
        self.io_chunksize = io_chunksize
        self.use_threads = use_threads
        self.max_bandwidth = max_bandwidth
        self.preferred_transfer_client = preferred_transfer_client


S3Transfer = None
