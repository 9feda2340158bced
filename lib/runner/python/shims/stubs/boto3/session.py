import os

from botocore.client import BaseClient


class Session:
    def __init__(self, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
                 region_name=None, botocore_session=None, profile_name=None, aws_account_id=None):
        self._region_name = region_name
        self.profile_name = profile_name or "default"

    @property
    def region_name(self):
        return self._region_name or os.environ.get("AWS_DEFAULT_REGION") or os.environ.get("AWS_REGION")

    def client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
               endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
               config=None, aws_account_id=None):
        return BaseClient(service_name, region_name=region_name or self._region_name, endpoint_url=endpoint_url,
                          config=config)

    def resource(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
                 endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
                 config=None):
        from . import resources

        made = resources.RESOURCES.get(service_name)
        if made is None:
            raise NotImplementedError(
                f"boto3.resource({service_name!r}) is not simulated: the simulator models resources for "
                f"{', '.join(sorted(resources.RESOURCES))}; use boto3.client({service_name!r}) instead"
            )
        return made(self.client(service_name, region_name=region_name, endpoint_url=endpoint_url, config=config))

    def get_available_services(self):
        from botocore.services import SERVICES

        return sorted(SERVICES)
