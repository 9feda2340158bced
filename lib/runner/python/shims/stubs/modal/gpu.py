"""modal.gpu: GPU configuration objects (removed in modal 1.0 in favour of strings like "A10G")."""


class _GPU:
    def __init__(self, *, count=1, size=None, memory=None):
        self.count = count
        self.size = size or memory

    def __repr__(self):
        return f"{type(self).__name__}(count={self.count})"


for _name in ("T4", "L4", "A10G", "A100", "A100_80GB", "H100", "H200", "L40S", "B200", "Any"):
    globals()[_name] = type(_name, (_GPU,), {})
