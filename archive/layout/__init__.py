"""Right-to-left layout for terminals that neither shape nor reorder Arabic. Pure functions."""
