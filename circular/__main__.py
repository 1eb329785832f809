"""``python -m circular`` runs the CLI."""

from circular.cli import main

main()
