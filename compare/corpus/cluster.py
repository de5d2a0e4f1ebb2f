"""Dask clients for corpus work: local processes by default, or an existing cluster.

``dask_client(scheduler=None, workers=2, processes=True)`` is a context manager giving a
``distributed.Client``: with ``scheduler`` (``tcp://host:8786``) it connects to a running
cluster whose workers have legiscompare installed (same version), otherwise it starts a
``LocalCluster`` of ``workers`` processes with one thread each (the work is pure Python
and holds the GIL) and stops it at the end. Workers read the files by the paths the
client gives, so the machines of a cluster need the corpus at the same path (a shared
file system); only the client talks to the database. ``run_batches`` maps a function over batches
and yields results as they complete, releasing each on the workers once taken.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2, processes: bool = True) -> Iterator[Any]:
    """A ``distributed.Client`` for the duration of the block (see the module docs); a local
    cluster is only started when the block first uses the client."""
    if scheduler:
        from distributed import Client

        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    lazy = _LocalClient(workers, processes)
    try:
        yield lazy
    finally:
        lazy.close()


class _LocalClient:
    """A ``distributed.Client`` on a ``LocalCluster`` started on first use: a re-index with
    nothing new to read (what ``corpus families`` does first) starts no worker processes."""

    def __init__(self, workers: int, processes: bool) -> None:
        self._workers, self._processes = workers, processes
        self._cluster: Any = None
        self._client: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._client is None:
            from distributed import Client, LocalCluster

            self._cluster = LocalCluster(n_workers=self._workers, threads_per_worker=1, processes=self._processes,
                                         dashboard_address=":0", silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        return getattr(self._client, name)

    def close(self) -> None:
        """Stop the client and the cluster, if they were started."""
        if self._client is not None:
            self._client.close()
            self._cluster.close()
            self._client = self._cluster = None


def run_batches(client: Any, func: Callable[..., R], batches: list[T], **kwargs: Any) -> Iterator[tuple[T, R]]:
    """``func(batch, **kwargs)`` for every batch, on ``client`` (in this process when None),
    yielded as ``(batch, result)`` in submission order: all batches run at once, but results
    are stored in file order, so the same corpus always gets the same provision ids."""
    if not batches:
        return
    if client is None:
        for batch in batches:
            yield batch, func(batch, **kwargs)
        return
    futures = client.map(func, batches, pure=False, **kwargs)
    for batch, future in zip(batches, futures):
        yield batch, future.result()
        future.release()
