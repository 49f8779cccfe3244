"""One module per system; each maps workload keys (``"W1"``…) to a function of the size n.

A workload function returns a dict of metrics (floats, named as in
``bench.workloads``) plus optional notes (strings); it raises ``Unavailable``
when the system cannot run the workload yet (e.g. ``goconc.sync`` not written).
"""
