"""Deadline's Python simulator: runs a handler on a virtual clock inside Pyodide.

Modules: state (the run, its clock, limits and timeline), clock (time/datetime patches), loop
(asyncio on virtual time), threads (thread pools modelled as overlapping virtual work), network
(one latency model for every HTTP client stub), imports (the import scan before a run, stub
modules and clear import errors), model (modelled modules: inert objects and costed calls),
project (the handler's own files on Node hosts), processes (programs, processes and native
libraries: refused, or modelled), entry (entry-point registry and how each platform calls its
entry), errors (error dicts and JSON results), guard (stops runaway code), runner (the entry point
the TypeScript engine calls).
"""
