"""The `azure` namespace: only azure.functions is simulated (see functions/)."""
