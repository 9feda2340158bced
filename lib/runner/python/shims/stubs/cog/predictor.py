"""BaseRunner / BasePredictor (cog 0.22 python/cog/predictor.py). Subclassing one in the handler's
file registers it as the run's entry; which one Replicate loads follows cog's rule: `Runner` if
the module defines one, else `Predictor` (predictor.load_predictor_from_ref), or the class the
run's handler (cog.yaml's `predict: "predict.py:Predictor"`) names."""

import warnings


class BaseRunner:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        from . import _runtime

        _runtime.register(cls)

    def setup(self, weights=None):
        pass

    def run(self, *args, **kwargs):
        owner = _owner(type(self), "predict")
        if owner is not None and _owner(type(self), "run") is None:
            return self.predict(*args, **kwargs)
        raise NotImplementedError("run has not been implemented by parent class.")

    def predict(self, *args, **kwargs):
        warnings.warn(f"{self.__class__.__name__}.predict() is deprecated; use run() instead", DeprecationWarning, stacklevel=2)
        return self.run(*args, **kwargs)

    @property
    def scope(self):
        from . import current_scope

        return current_scope()

    def record_metric(self, key, value, mode="replace"):
        self.scope.record_metric(key, value, mode=mode)


class BasePredictor(BaseRunner):
    """Deprecated compatibility alias for BaseRunner."""


def _owner(cls, name):
    """The user's class that defines `name`, stopping at cog's own (cog's _user_method_owner)."""
    import inspect

    for owner in inspect.getmro(cls):
        if owner in (BaseRunner, BasePredictor, object):
            break
        if callable(owner.__dict__.get(name)):
            return owner
    return None
