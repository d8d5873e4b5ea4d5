"""Which content lacks its English version."""

from django.db.models import Q


def missing_english_q(fields):
    """Records where any of the given translated fields has no English text."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}_en": ""}) | Q(**{f"{field}_en__isnull": True})
    return condition


def lacks_english(obj, fields):
    return any(not getattr(obj, f"{field}_en", None) for field in fields)
