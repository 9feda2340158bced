"""Reversible patches: every change a run makes to shared modules is undone when it ends."""

_MISSING = object()


class Patches:
    def __init__(self):
        self._undo = []

    def set(self, obj, name, value):
        # Read the object's own attribute, not an inherited or module-__getattr__ one, so that
        # restoring puts back exactly what was there (or removes what was not).
        old = vars(obj).get(name, _MISSING)
        setattr(obj, name, value)
        self._undo.append((obj, name, old))

    def on_restore(self, fn):
        self._undo.append(fn)

    def restore(self):
        failures = []
        while self._undo:
            item = self._undo.pop()
            try:
                if callable(item):
                    item()
                else:
                    obj, name, old = item
                    if old is _MISSING:
                        delattr(obj, name)
                    else:
                        setattr(obj, name, old)
            except Exception as error:  # keep undoing the rest; report at the end
                failures.append(error)
        if failures:
            raise failures[0]
