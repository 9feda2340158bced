"""botocore.exceptions as botocore 1.43.67 defines them
(https://github.com/boto/botocore/blob/1.43.67/botocore/exceptions.py): a BotoCoreError's text is
its fmt filled with its keyword arguments; ClientError's is "An error occurred (Code) when calling
the Operation operation[ (reached max retries: N)]: Message"."""


class BotoCoreError(Exception):
    fmt = "An unspecified error occurred"

    def __init__(self, **kwargs):
        msg = self.fmt.format(**kwargs)
        Exception.__init__(self, msg)
        self.kwargs = kwargs


class DataNotFoundError(BotoCoreError):
    fmt = "Unable to load data for: {data_path}"


class UnknownServiceError(DataNotFoundError):
    fmt = "Unknown service: '{service_name}'. Valid service names are: {known_service_names}"


class HTTPClientError(BotoCoreError):
    fmt = "An HTTP Client raised an unhandled exception: {error}"

    def __init__(self, request=None, response=None, **kwargs):
        self.request = request
        self.response = response
        super().__init__(**kwargs)


class ConnectionError(BotoCoreError):
    fmt = "An HTTP Client failed to establish a connection: {error}"


class EndpointConnectionError(ConnectionError):
    fmt = 'Could not connect to the endpoint URL: "{endpoint_url}"'


class SSLError(ConnectionError):
    fmt = "SSL validation failed for {endpoint_url} {error}"


class ConnectionClosedError(HTTPClientError):
    fmt = 'Connection was closed before we received a valid response from endpoint URL: "{endpoint_url}".'


class ReadTimeoutError(HTTPClientError):
    fmt = 'Read timeout on endpoint URL: "{endpoint_url}"'


class ConnectTimeoutError(ConnectionError):
    fmt = 'Connect timeout on endpoint URL: "{endpoint_url}"'


class ProxyConnectionError(ConnectionError):
    fmt = 'Failed to connect to proxy URL: "{proxy_url}"'


class NoCredentialsError(BotoCoreError):
    fmt = "Unable to locate credentials"


class NoRegionError(BotoCoreError):
    fmt = "You must specify a region."


class ParamValidationError(BotoCoreError):
    fmt = "Parameter validation failed:\n{report}"


class InvalidConfigError(BotoCoreError):
    fmt = "{error_msg}"


class InvalidRetryConfigurationError(BotoCoreError):
    fmt = 'Cannot provide retry configuration for "{retry_config_option}". Valid retry configuration options are: \'max_attempts\''


class InvalidMaxRetryAttemptsError(InvalidRetryConfigurationError):
    fmt = "Value provided to \"max_attempts\": {provided_max_attempts} must be an integer greater than or equal to {min_value}."


class InvalidRetryModeError(InvalidRetryConfigurationError):
    fmt = 'Invalid value provided to "mode": "{provided_retry_mode}" must be one of: {valid_modes}'


class WaiterError(BotoCoreError):
    fmt = "Waiter {name} failed: {reason}"


class ClientError(Exception):
    MSG_TEMPLATE = "An error occurred ({error_code}) when calling the {operation_name} operation{retry_info}: {error_message}"

    def __init__(self, error_response, operation_name):
        retry_info = ""
        metadata = error_response.get("ResponseMetadata", {})
        if metadata.get("MaxAttemptsReached", False) and "RetryAttempts" in metadata:
            retry_info = f" (reached max retries: {metadata['RetryAttempts']})"
        error = error_response.get("Error", {})
        super().__init__(self.MSG_TEMPLATE.format(
            error_code=error.get("Code", "Unknown"), error_message=error.get("Message", "Unknown"),
            operation_name=operation_name, retry_info=retry_info,
        ))
        self.response = error_response
        self.operation_name = operation_name


class EventStreamError(ClientError):
    pass
