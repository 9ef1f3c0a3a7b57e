"""The city (市) portal: built from its counties' open-data exports, never from their
content, and never fetching anything when a page is viewed."""
