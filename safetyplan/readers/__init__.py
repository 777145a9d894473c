"""Readers: file bytes → Document (or Plans, for safetyplan's own formats)."""
