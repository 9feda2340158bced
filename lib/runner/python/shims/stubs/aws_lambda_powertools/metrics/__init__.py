"""Metrics: CloudWatch embedded metric format (EMF), one JSON line printed when log_metrics'
handler ends (or flush_metrics): {"_aws": {"Timestamp", "CloudWatchMetrics": [{"Namespace",
"Dimensions", "Metrics"}]}, dimensions..., metadata..., name: [values]} as Powertools'
cloudwatch_emf provider serializes it. Namespace from POWERTOOLS_METRICS_NAMESPACE, service from
POWERTOOLS_SERVICE_NAME; no namespace is SchemaValidationError("Must contain a metric
namespace."); no metrics warns "No application metrics to publish..." unless
raise_on_empty_metrics."""

import contextlib
import datetime
import enum
import functools
import json
import numbers
import os
import warnings


class MetricUnit(enum.Enum):
    Seconds = "Seconds"
    Microseconds = "Microseconds"
    Milliseconds = "Milliseconds"
    Bytes = "Bytes"
    Kilobytes = "Kilobytes"
    Megabytes = "Megabytes"
    Gigabytes = "Gigabytes"
    Terabytes = "Terabytes"
    Bits = "Bits"
    Kilobits = "Kilobits"
    Megabits = "Megabits"
    Gigabits = "Gigabits"
    Terabits = "Terabits"
    Percent = "Percent"
    Count = "Count"
    BytesPerSecond = "Bytes/Second"
    KilobytesPerSecond = "Kilobytes/Second"
    MegabytesPerSecond = "Megabytes/Second"
    GigabytesPerSecond = "Gigabytes/Second"
    TerabytesPerSecond = "Terabytes/Second"
    BitsPerSecond = "Bits/Second"
    KilobitsPerSecond = "Kilobits/Second"
    MegabitsPerSecond = "Megabits/Second"
    GigabitsPerSecond = "Gigabits/Second"
    TerabitsPerSecond = "Terabits/Second"
    CountPerSecond = "Count/Second"
    NoUnit = "None"


class MetricResolution(enum.Enum):
    Standard = 60
    High = 1


class SchemaValidationError(Exception):
    pass


class MetricUnitError(Exception):
    pass


class MetricValueError(Exception):
    pass


class MetricResolutionError(Exception):
    pass


_VALID_UNITS = {u.value for u in MetricUnit}
MAX_METRICS = 100


class Metrics:
    _metrics = {}
    _dimensions = {}
    _metadata = {}
    _default_dimensions = {}

    def __init__(self, service=None, namespace=None, provider=None):
        self.service = service or os.getenv("POWERTOOLS_SERVICE_NAME")
        self.namespace = namespace or os.getenv("POWERTOOLS_METRICS_NAMESPACE")
        # Shared by every instance, as Powertools' Metrics class keeps them.
        self.metric_set = Metrics._metrics
        self.dimension_set = Metrics._dimensions
        self.metadata_set = Metrics._metadata
        self.default_dimensions = Metrics._default_dimensions
        self.timestamp = None

    def add_metric(self, name, unit, value, resolution=60):
        if not isinstance(value, numbers.Number):
            raise MetricValueError(f"{value} is not a valid number")
        unit = unit.value if isinstance(unit, MetricUnit) else unit
        if unit not in _VALID_UNITS:
            raise MetricUnitError(f"Invalid metric unit '{unit}', expected either option: {sorted(u.name for u in MetricUnit)}")
        resolution = resolution.value if isinstance(resolution, MetricResolution) else resolution
        if resolution not in (1, 60):
            raise MetricResolutionError(f"Invalid metric resolution '{resolution}', expected either option: [60, 1]")
        metric = self.metric_set.setdefault(name, {"Value": []})
        metric["Unit"] = unit
        metric["StorageResolution"] = resolution
        metric["Value"].append(float(value))
        if len(self.metric_set) == MAX_METRICS or len(metric["Value"]) == MAX_METRICS:
            print(json.dumps(self.serialize_metric_set()))
            self.metric_set.clear()

    def add_dimension(self, name, value):
        self.dimension_set[name] = value if isinstance(value, str) else str(value)

    def add_metadata(self, key, value):
        self.metadata_set[str(key)] = value

    def set_default_dimensions(self, **dimensions):
        for name, value in dimensions.items():
            self.add_dimension(name, value)
        self.default_dimensions.update(dimensions)

    def clear_default_dimensions(self):
        self.default_dimensions.clear()

    def set_timestamp(self, timestamp):
        self.timestamp = int(timestamp.timestamp() * 1000) if isinstance(timestamp, datetime.datetime) else int(timestamp)

    def serialize_metric_set(self, metrics=None, dimensions=None, metadata=None):
        metrics = self.metric_set if metrics is None else metrics
        dimensions = self.dimension_set if dimensions is None else dimensions
        metadata = self.metadata_set if metadata is None else metadata
        if self.service and not dimensions.get("service"):
            dimensions["service"] = self.service
        if len(metrics) == 0:
            raise SchemaValidationError("Must contain at least one metric.")
        if self.namespace is None:
            raise SchemaValidationError("Must contain a metric namespace.")
        definitions, values = [], {}
        for name, metric in metrics.items():
            item = {"Name": name, "Unit": metric.get("Unit", "")}
            if metric.get("StorageResolution", 60) == 1:
                item["StorageResolution"] = 1
            definitions.append(item)
            values[name] = metric.get("Value", 0)
        return {
            "_aws": {
                "Timestamp": self.timestamp or int(datetime.datetime.now().timestamp() * 1000),
                "CloudWatchMetrics": [{"Namespace": self.namespace, "Dimensions": [list(dimensions.keys())], "Metrics": definitions}],
            },
            **dimensions,
            **metadata,
            **values,
        }

    def clear_metrics(self):
        self.metric_set.clear()
        self.dimension_set.clear()
        self.metadata_set.clear()
        self.set_default_dimensions(**self.default_dimensions)

    def flush_metrics(self, raise_on_empty_metrics=False):
        if not raise_on_empty_metrics and not self.metric_set:
            # Where Powertools raises it (cloudwatch.py, flush_metrics), not the simulator's file.
            warnings.warn_explicit(
                "No application metrics to publish. The cold-start metric may be published if enabled. "
                "If application metrics should never be empty, consider using 'raise_on_empty_metrics'",
                UserWarning, "aws_lambda_powertools/metrics/provider/cloudwatch_emf/cloudwatch.py", 355,
            )
        else:
            print(json.dumps(self.serialize_metric_set(), separators=(",", ":")))
            self.clear_metrics()

    def log_metrics(self, lambda_handler=None, capture_cold_start_metric=False, raise_on_empty_metrics=False, **kwargs):
        if kwargs.get("default_dimensions"):
            self.set_default_dimensions(**kwargs["default_dimensions"])
        if lambda_handler is None:
            return functools.partial(self.log_metrics, capture_cold_start_metric=capture_cold_start_metric,
                                     raise_on_empty_metrics=raise_on_empty_metrics)

        @functools.wraps(lambda_handler)
        def decorate(event, context, *args, **kwargs):
            try:
                response = lambda_handler(event, context, *args, **kwargs)
                if capture_cold_start_metric:
                    self._add_cold_start_metric(context)
            finally:
                self.flush_metrics(raise_on_empty_metrics=raise_on_empty_metrics)
            return response

        return decorate

    def _add_cold_start_metric(self, context):
        from ..logging.logger import is_cold_start

        if not is_cold_start:
            return
        with single_metric(name="ColdStart", unit=MetricUnit.Count, value=1, namespace=self.namespace) as metric:
            metric.add_dimension(name="function_name", value=getattr(context, "function_name", "UNDEFINED"))
            if self.service:
                metric.add_dimension(name="service", value=str(self.service))


class SingleMetric(Metrics):
    def __init__(self, namespace=None, service=None):
        self.service = service
        self.namespace = namespace or os.getenv("POWERTOOLS_METRICS_NAMESPACE")
        self.metric_set, self.dimension_set, self.metadata_set, self.default_dimensions = {}, {}, {}, {}
        self.timestamp = None


@contextlib.contextmanager
def single_metric(name, unit, value, resolution=60, namespace=None, default_dimensions=None):
    metric = SingleMetric(namespace=namespace)
    metric.add_metric(name=name, unit=unit, value=value, resolution=resolution)
    if default_dimensions:
        for key, val in default_dimensions.items():
            metric.add_dimension(key, val)
    yield metric
    print(json.dumps(metric.serialize_metric_set(), separators=(",", ":")))


EphemeralMetrics = Metrics
