"""The reference server: Django answering constant bytes, the least any page can cost."""
