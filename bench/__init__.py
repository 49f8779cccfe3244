"""Benchmarks: the same workloads on goconc, asyncio, uvloop, gevent, threading and real Go.

Run ``python -m bench`` (``--help`` for options); ``bench/README.md`` explains the table.
"""
