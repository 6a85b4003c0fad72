"""Small dashboard widgets, one per module."""
