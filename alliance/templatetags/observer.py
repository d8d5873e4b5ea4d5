"""Template helpers for a bilingual site: language links and visible translation fallback."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """The current page in another language."""
    request = context.get("request")
    if request is None:
        return f"/{language_code}/"
    return translate_url(request.get_full_path(), language_code)


@register.filter
def shown_in(obj, field):
    """The language a translated field is shown in: the current one, or Chinese as fallback."""
    language = get_language() or settings.LANGUAGE_CODE
    if language != settings.LANGUAGE_CODE and not getattr(obj, f"{field}_{language}", None):
        return settings.LANGUAGE_CODE
    return language


@register.filter
def untranslated(obj, field):
    """True when the field has no text in the current language and falls back to Chinese."""
    return shown_in(obj, field) != (get_language() or settings.LANGUAGE_CODE)
