"""Photos: decoded safely, stripped of metadata, cached by content hash."""
