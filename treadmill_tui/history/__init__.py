"""Walk history, progression and export (a later issue)."""
