"""botocore.config.Config with botocore 1.43.67's defaults: connect_timeout and read_timeout 60 s
(botocore/endpoint.py DEFAULT_TIMEOUT = 60), max_pool_connections 10, and its retries checks."""

import copy

from .exceptions import InvalidMaxRetryAttemptsError, InvalidRetryConfigurationError, InvalidRetryModeError

DEFAULT_TIMEOUT = 60
MAX_POOL_CONNECTIONS = 10
VALID_RETRY_MODES = ("legacy", "standard", "adaptive")

_OPTIONS = {
    "region_name": None, "signature_version": None, "user_agent": None, "user_agent_extra": None,
    "user_agent_appid": None, "connect_timeout": DEFAULT_TIMEOUT, "read_timeout": DEFAULT_TIMEOUT,
    "parameter_validation": True, "max_pool_connections": MAX_POOL_CONNECTIONS, "proxies": None,
    "proxies_config": None, "s3": None, "retries": None, "client_cert": None,
    "inject_host_prefix": True, "endpoint_discovery_enabled": None, "use_dualstack_endpoint": None,
    "use_fips_endpoint": None, "ignore_configured_endpoint_urls": None, "defaults_mode": None,
    "tcp_keepalive": None, "request_min_compression_size_bytes": None, "disable_request_compression": None,
    "client_context_params": None, "sigv4a_signing_region_set": None, "request_checksum_calculation": None,
    "response_checksum_validation": None, "account_id_endpoint_mode": None, "auth_scheme_preference": None,
}


class Config:
    OPTION_DEFAULTS = _OPTIONS
    NON_LEGACY_OPTION_DEFAULTS = {"connect_timeout": None}

    def __init__(self, *args, **kwargs):
        names = list(_OPTIONS)
        if len(args) > len(names):
            raise TypeError(f"Takes at most {len(names)} arguments ({len(args)} given)")
        given = dict(zip(names, args))
        for key in kwargs:
            if key in given:
                raise TypeError(f"Got multiple values for keyword argument '{key}'")
            if key not in _OPTIONS:
                raise TypeError(f"Got unexpected keyword argument '{key}'")
        given.update(kwargs)
        self._user_provided_options = dict(given)
        for key, default in _OPTIONS.items():
            setattr(self, key, copy.copy(given.get(key, default)))
        self._validate_retry_configuration(self.retries)

    def _validate_retry_configuration(self, retries):
        if retries is None:
            return
        for key, value in retries.items():
            if key not in ("max_attempts", "mode", "total_max_attempts"):
                raise InvalidRetryConfigurationError(retry_config_option=key)
            if key == "max_attempts" and value < 0:
                raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=0)
            if key == "total_max_attempts" and value < 1:
                raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=1)
            if key == "mode" and value not in VALID_RETRY_MODES:
                raise InvalidRetryModeError(provided_retry_mode=value, valid_modes=", ".join(VALID_RETRY_MODES))

    def merge(self, other_config):
        merged = dict(self._user_provided_options)
        merged.update(other_config._user_provided_options)
        return Config(**merged)
