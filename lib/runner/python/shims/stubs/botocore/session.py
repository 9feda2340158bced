"""botocore.session: enough for botocore.session.get_session().create_client(...)."""

from .client import BaseClient


class Session:
    def __init__(self, *args, **kwargs):
        self._region = kwargs.get("region_name")

    def create_client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
                      endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
                      aws_session_token=None, config=None, **_ignored):
        return BaseClient(service_name, region_name=region_name or self._region, endpoint_url=endpoint_url, config=config)

    def get_available_services(self):
        from .services import SERVICES

        return sorted(SERVICES)


def get_session(env_vars=None):
    return Session()
