"""Keep the caches of the content — the search index, the cached pages — in step with it."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from alliance import search
from alliance.models import Organisation, Person, Report, SearchEntry
from alliance.page_cache import content_changed
from events import ical
from events.models import Event
from newsletters.models import Article, Issue, Quote
from partnerships.models import Convenor, ThematicPartnership

INDEXERS = {
    Article: lambda article: search.index_article(article),
    Issue: lambda issue: search.index_issue(issue),
    Quote: lambda quote: search.index_quote(quote),
    Person: lambda person: search.index_person(person),
    Event: lambda event: search.index_event(event),
    Report: lambda report: search.index_report(report),
    Organisation: lambda organisation: search.index_organisation(organisation),
    ThematicPartnership: lambda partnership: search.index_partnership(partnership),
    Convenor: lambda convenor: search.index_organisation(convenor.organisation),
}
KINDS = {
    Article: SearchEntry.Kind.ARTICLE,
    Quote: SearchEntry.Kind.QUOTE,
    Person: SearchEntry.Kind.PERSON,
    Event: SearchEntry.Kind.EVENT,
    Report: SearchEntry.Kind.REPORT,
    Organisation: SearchEntry.Kind.ORGANISATION,
    ThematicPartnership: SearchEntry.Kind.PARTNERSHIP,
}


@receiver(post_save)
def index_saved(sender, instance, raw=False, **kwargs):
    if raw or sender not in INDEXERS:
        return
    INDEXERS[sender](instance)


@receiver(post_delete)
def unindex_deleted(sender, instance, **kwargs):
    if sender in KINDS:
        search.remove_entry(KINDS[sender], instance.pk)
    if sender is Quote:
        person = Person.objects.filter(pk=instance.person_id).first()
        if person:
            search.index_person(person)


@receiver(m2m_changed, sender=Article.partnerships.through)
@receiver(m2m_changed, sender=Event.partnerships.through)
@receiver(m2m_changed, sender=Event.organisers.through)
@receiver(m2m_changed, sender=Report.partnerships.through)
@receiver(m2m_changed, sender=Report.research_organisations.through)
def index_relations(sender, instance, action, reverse=False, **kwargs):
    if action.startswith("post_") and not reverse and type(instance) in INDEXERS:
        INDEXERS[type(instance)](instance)


CONTENT_APPS = {"alliance", "newsletters", "partnerships", "events"}
NOT_CONTENT = {"searchentry", "statuschange"}


def is_content(sender):
    opts = getattr(sender, "_meta", None)
    return opts and opts.app_label in CONTENT_APPS and opts.model_name not in NOT_CONTENT


@receiver(post_save)
@receiver(post_delete)
def forget_cached_pages(sender, **kwargs):
    if is_content(sender):
        content_changed()


@receiver(m2m_changed)
def forget_cached_pages_on_relations(sender, action, **kwargs):
    if action.startswith("post_") and is_content(kwargs["model"]):
        content_changed()


@receiver(post_delete, sender=Event)
@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
@receiver(post_save, sender=ThematicPartnership)
@receiver(post_delete, sender=ThematicPartnership)
def note_change_for_calendar_feeds(sender, raw=False, **kwargs):
    # What a feed shows beyond the events' own rows (whose changes it sees by itself): the
    # events that exist, their organisers' names, a partnership's name.
    if not raw:
        ical.feeds_changed()


@receiver(m2m_changed, sender=Event.organisers.through)
@receiver(m2m_changed, sender=Event.partnerships.through)
def note_relation_for_calendar_feeds(sender, action, **kwargs):
    if action.startswith("post_"):
        ical.feeds_changed()
