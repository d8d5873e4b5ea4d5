"""The address of each page, remembered.

Lists link to dozens of records, and Django's reverse() works each address out afresh every
time. An address depends only on the route, its arguments, the active language (the /zh-hans/
or /en/ prefix), the script prefix and the URL configuration, so it is kept per combination of
these, and forgotten when the URL configuration is changed.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language


def reverse(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered."""
    key = tuple(sorted(kwargs.items()))
    return _reverse(viewname, key, get_language(), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=50_000)
def _reverse(viewname, kwargs, language, script_prefix, urlconf):
    return django_reverse(viewname, kwargs=dict(kwargs))


@receiver(setting_changed)
def forget_addresses(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
