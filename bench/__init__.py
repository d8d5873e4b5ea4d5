"""`make bench`: the site under load, measured against a constant-bytes Django page."""
