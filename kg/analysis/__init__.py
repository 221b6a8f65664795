"""The analysis stage: networks of who owns what, their metrics, plan comparison, and indicators read back."""
