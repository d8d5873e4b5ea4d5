"""Template helpers for a bilingual site: language links, visible translation fallback, pictures
at the size they are shown, and the addresses, locales and structured data that search engines
and link previews read."""

import json
from html import unescape

from django import template
from django.conf import settings
from django.core.files.images import get_image_dimensions
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from alliance.renditions import rendition

register = template.Library()


def translated(request, path, language_code):
    """translate_url() of one of the request's own paths, worked out once per request: the
    language switcher, the canonical link and the hreflang links all ask for the same ones."""
    memo = request.__dict__.setdefault("_translated_paths", {})
    key = (path, language_code)
    if key not in memo:
        memo[key] = translate_url(path, language_code)
    return memo[key]


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """The current page in another language."""
    request = context.get("request")
    if request is None:
        return f"/{language_code}/"
    return translated(request, request.get_full_path(), language_code)


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


@register.inclusion_tag("includes/picture.html")
def picture(image, alias, alt, css_class=""):
    """An uploaded image at the size of one use: WebP for the browsers that take it, JPEG or PNG
    for the others, with its width and height so that the page does not jump as it loads."""
    fallback = rendition(image, alias)
    if fallback is None:
        return {}
    # Read from the file's header: easy-thumbnails' width and height would query the database.
    width, height = get_image_dimensions(fallback, close=True)
    return {
        "fallback": fallback,
        "webp": rendition(image, alias, webp=True),
        "width": width,
        "height": height,
        "alt": alt,
        "css_class": css_class,
    }


# Open Graph names locales in the older underscore form, with a territory.
OPEN_GRAPH_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}
# The escapes of django.utils.html.json_script: no value can close the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def page_url(context, language_code=None):
    """The current page's absolute address without its query string, in another language if given.

    Search engines and link previews want one address per page: a filtered or paged view of a
    list is the list itself.
    """
    request = context["request"]
    path = translated(request, request.path, language_code) if language_code else request.path
    return request.build_absolute_uri(path)


@register.filter
def open_graph_locale(language_code):
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)


@register.filter
def json_ld(data):
    """Structured data as a JSON-LD script element, escaped so that no text in it can end it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, variable):
        self.nodelist = nodelist
        self.variable = variable

    def render(self, context):
        # The rendered template text is already escaped, so it stays safe once stripped.
        context[self.variable] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %} renders its content once into a variable.

    The base layout captures the title and description blocks this way, so that the <title>,
    the description and the sharing tags all show what a page template sets only once.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Usage: {% capture name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.filter
def plain_text(html):
    """Sanitised HTML as the text a reader sees: no tags, entities decoded (then auto-escaped)."""
    return unescape(strip_tags(str(html or "")))
