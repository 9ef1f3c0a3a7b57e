"""Open data: every county site publishes its records and its 通报 figures as JSON (with a
JSON Schema), CSV and an .xlsx workbook under ``/open-data/v1/``; the level above (a city's
portal, :mod:`site_plugins.city`) is built from these files alone."""
