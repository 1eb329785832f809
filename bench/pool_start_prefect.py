"""``python -m bench.pool_start`` from a main module that imports Prefect, as the one a Prefect
worker runs a flow with (``python -m prefect.engine``): multiprocessing runs the main module
again in every spawned or forkserver's worker (`python -m bench.pool_start_prefect [REPEAT]`)."""

from __future__ import annotations

import prefect.engine  # noqa: F401

from bench.pool_start import main

if __name__ == "__main__":
    main()
