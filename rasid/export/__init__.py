"""Exports of resolved events: ACLED CSV (exact column order), GeoJSON, JSON lines."""
