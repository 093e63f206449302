"""Engines that run the per-batch coding elsewhere than in this process (``dask``).

Every engine codes with ``Coder.code_batch`` and stores rows built by ``collect_rows``, so
that any engine, with any number of workers, gives the same store as the local runner.
"""
