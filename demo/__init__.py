"""``make demo``: the whole pipeline on one machine against the sandbox mail servers.

Not a flow (prefect.yaml deploys nothing from here) and not the domain: it drives a Prefect
server, the deployments of ``prefect.yaml``, a worker and the sandbox, so it lives beside
``flows/`` rather than in ``circular/`` (which never imports Prefect). ``run`` holds it all;
``python -m demo`` starts it.
"""
