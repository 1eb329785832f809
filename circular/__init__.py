"""circular: official letter campaigns end to end.

The domain package: it imports nothing from Prefect. The flows in ``flows/`` compose it.
"""

__version__ = "0.1.0"
