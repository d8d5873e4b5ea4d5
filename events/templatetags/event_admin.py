from django import template

from events.models import Event

register = template.Library()


@register.simple_tag
def upcoming_events_for_editors(limit=8):
    """The next events, drafts included, for the editors' front page."""
    return list(Event.objects.upcoming()[:limit])
