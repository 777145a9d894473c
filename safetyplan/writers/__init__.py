"""Writers: Plan → file.  Each module registers its writers through the
``safetyplan_writers`` hook; the core writes atomically around them."""
