"""The analyst's workbench (`rasid serve`): see, check and correct resolved events against their evidence.

FastAPI + Jinja2 pages (htmx swaps fragments rendered on the server), Leaflet for the map, a JSON API
beside the pages (OpenAPI at /openapi.json). Everything reads and writes through `rasid.store`.
"""
