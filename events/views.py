import datetime
from urllib.parse import quote, urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from django.views.generic import DetailView, TemplateView

from alliance import structured_data
from alliance.models import Organisation
from alliance.preview import PreviewMixin
from events import calendars, ical
from events.forms import EventFilterForm
from events.models import Event
from partnerships.models import ThematicPartnership


def subscription_links(request, feed_path, name):
    """How to subscribe to a feed: the file, webcal:// for desktop clients, and web calendars."""
    https_url = request.build_absolute_uri(feed_path)
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {
        "feed_past_events": ical.FEED_PAST_EVENTS,
        "feed_url": https_url,
        "webcal_url": webcal_url,
        "google_url": "https://calendar.google.com/calendar/render?"
        + urlencode({"cid": webcal_url}),
        "outlook_url": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": https_url, "name": name}),
    }


class CalendarMixin:
    """Calendar pages: published events, narrowed by the filters in the query string."""

    def dispatch(self, request, *args, **kwargs):
        self.filters = EventFilterForm(request.GET or None)
        if request.GET and not self.filters.is_valid():
            raise Http404(_("No such filter."))
        return super().dispatch(request, *args, **kwargs)

    def events(self):
        events = Event.objects.published()
        if self.filters.is_bound:
            events = self.filters.filter(events)
        return events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.filters.query_string() if self.filters.is_bound else ""
        today = timezone.localdate()
        context.update(
            filters=self.filters,
            filter_query=query,
            today=today,
            years=calendars.years_between(self.events()),
            **subscription_links(self.request, reverse("events:calendar-feed"), _("BRIGC events")),
        )
        return context


class EventListView(CalendarMixin, TemplateView):
    """Upcoming events, then the most recent ones, as a list."""

    template_name = "events/event_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = self.events().with_relations()
        context.update(
            upcoming_events=events.upcoming(),
            past_events=events.past()[:20],
        )
        return context


class EventYearView(CalendarMixin, TemplateView):
    """All events of a year, month by month."""

    template_name = "events/event_year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.kwargs["year"]
        if not calendars.MIN_YEAR <= year <= calendars.MAX_YEAR:
            raise Http404
        context.update(
            year=year,
            events=self.events().with_relations().in_year(year).order_by("starts_at", "id"),
            year_feed_name=year_feed_name(year),
            year_feed=subscription_links(
                self.request,
                reverse("events:year-feed", kwargs={"year": year}),
                year_feed_name(year),
            ),
        )
        return context


class EventMonthView(CalendarMixin, TemplateView):
    """A month grid, weeks from Monday; multi-day events on each of their days."""

    template_name = "events/event_month.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not calendars.MIN_YEAR <= year <= calendars.MAX_YEAR:
            raise Http404
        first, last = calendars.grid_range(year, month)
        events = list(
            self.events()
            .filter(start_date__lte=last, end_date__gte=first)
            .order_by("start_date", "start_time", "id")
        )
        previous_month, next_month = calendars.neighbour_months(year, month)
        context.update(
            month=datetime.date(year, month, 1),
            weeks=calendars.month_weeks(year, month, events, context["today"]),
            month_events=[
                e for e in events if e.start_date.month == month or e.end_date.month == month
            ],
            month_only_events=[
                e for e in events if e.is_month_only and e.start_date.month == month
            ],
            previous_month=previous_month and datetime.date(*previous_month, 1),
            next_month=next_month and datetime.date(*next_month, 1),
        )
        return context


def current_month(request):
    today = timezone.localdate()
    url = reverse("events:event-month", kwargs={"year": today.year, "month": today.month})
    query = request.META.get("QUERY_STRING")
    return redirect(f"{url}?{query}" if query else url)


class EventDetailView(PreviewMixin, DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"
    queryset = Event.objects.with_relations().select_related(
        "announcement__issue", "report_article__issue"
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        page_url = self.request.build_absolute_uri(event.get_absolute_url())
        context.update(
            ics_url=reverse("events:event-ics", kwargs={"slug": event.slug}),
            google_url=google_event_url(event, page_url),
            outlook_url=outlook_event_url(event, page_url),
            structured_data=structured_data.event(event, self.request.build_absolute_uri),
        )
        return context


def google_event_url(event, page_url):
    if event.is_all_day:
        end = event.end_date + datetime.timedelta(days=1)
        dates = f"{event.start_date:%Y%m%d}/{end:%Y%m%d}"
    else:
        dates = f"{event.local_start():%Y%m%dT%H%M%S}/{event.local_end():%Y%m%dT%H%M%S}"
    return "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": dates,
            "ctz": event.timezone,
            "location": ical.event_location(event),
            "details": page_url,
        }
    )


def outlook_event_url(event, page_url):
    if event.is_all_day:
        start, end = (
            event.start_date.isoformat(),
            (event.end_date + datetime.timedelta(days=1)).isoformat(),
        )
    else:
        start = event.local_start().isoformat()
        end = event.local_end().isoformat()
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": start,
            "enddt": end,
            "allday": "true" if event.is_all_day else "false",
            "location": ical.event_location(event),
            "body": page_url,
        },
        quote_via=quote,
    )


def year_feed_name(year):
    return _("BRIGC events in %(year)s") % {"year": year}


def feed_events(partnership_slug=None, organiser_slug=None, year=None):
    """A feed's events: those it chooses from (before publication is applied), those it
    shows, and its name.

    A subscription (all events, a partnership's, an organiser's) shows a window: upcoming
    events and the latest past ones. A year's feed shows every published event of the year.
    """
    events = Event.objects.all()
    name = _("BRIGC events")
    if partnership_slug:
        partnership = get_object_or_404(ThematicPartnership, slug=partnership_slug)
        events = events.filter(partnerships=partnership)
        name = _("BRIGC events: %(name)s") % {"name": partnership.name}
    if organiser_slug:
        organiser = get_object_or_404(Organisation, slug=organiser_slug)
        events = events.filter(organisers=organiser)
        name = _("BRIGC events: %(name)s") % {"name": organiser.name}
    if year is not None:
        if not calendars.MIN_YEAR <= year <= calendars.MAX_YEAR:
            raise Http404
        events = events.in_year(year)
        return events, events.published(), year_feed_name(year)
    return events, ical.feed_window(events), name


def _feed(request, **kwargs):
    # Asked for by the ETag check, the Last-Modified check and the view: found once.
    if not hasattr(request, "_feed"):
        events, shown, name = feed_events(**kwargs)
        request._feed = events, shown, name, ical.feed_version(events, shown, name=name)
    return request._feed


def _feed_etag(request, **kwargs):
    return _feed(request, **kwargs)[3][0]


def _feed_last_modified(request, **kwargs):
    return _feed(request, **kwargs)[3][1]


@condition(etag_func=_feed_etag, last_modified_func=_feed_last_modified)
def calendar_feed(request, partnership_slug=None, organiser_slug=None, year=None):
    """An iCalendar feed: a subscription (all events, a partnership's, an organiser's), or all
    the events of a year."""
    _events, shown, name, _version = _feed(
        request, partnership_slug=partnership_slug, organiser_slug=organiser_slug, year=year
    )
    calendar = ical.build_calendar(
        ical.calendar_events(shown), name=name, absolute_url=request.build_absolute_uri
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "public, max-age=900"
    return response


def event_ics(request, slug):
    """One event as an .ics file, to add to any calendar."""
    events = ical.calendar_events(Event.objects.published().filter(slug=slug))
    if not events:
        raise Http404
    event = events[0]
    calendar = ical.build_calendar(
        events, name=event.title, absolute_url=request.build_absolute_uri
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
