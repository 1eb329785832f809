"""What the render pool's forkserver imports before it forks any worker (see
``circular.letters.renderpool``): the renderer, once for every worker.

The caller's main module, when it was run by name, is imported there too, and multiprocessing
runs it again in each worker as ``__mp_main__``; runpy warns then that the module was already
imported, which is the point. The warning is silenced in the forkserver only (its workers
inherit the filter): never in the caller.
"""

import warnings

warnings.filterwarnings(
    "ignore",
    message=r".* found in sys\.modules after import of package",
    category=RuntimeWarning,
)

import circular.letters.renderpool  # noqa: E402, F401
