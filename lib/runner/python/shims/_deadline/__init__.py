"""Deadline's Python simulator: runs a handler on a virtual clock inside Pyodide.

Modules: state (the run, its clock, limits and timeline), clock (time/datetime patches), loop
(asyncio on virtual time), threads (thread pools modelled as overlapping virtual work), network
(one latency model for every HTTP client stub), imports (stub modules and clear import errors),
guard (stops runaway code), runner (the entry point the TypeScript engine calls).
"""
