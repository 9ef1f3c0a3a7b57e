"""The form editor at /admin/: Decap CMS, vendored, configured from our content model."""
