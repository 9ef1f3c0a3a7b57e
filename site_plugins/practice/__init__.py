"""The ``practice`` MkDocs plugin: loads the catalogue and publishes entry pages."""
