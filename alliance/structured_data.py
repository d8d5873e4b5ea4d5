"""schema.org descriptions of the site's pages, which search engines read as JSON-LD.

Each function takes a record and `absolute_url` (the request's build_absolute_uri, which turns a
site path into a full address) and returns a dict for the `json_ld` template filter. Properties
the record does not know are left out rather than sent empty.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from alliance.renditions import rendition_url
from alliance.templatetags.observer import shown_in
from events.models import Event

SCHEMA_ORG = "https://schema.org"

EVENT_STATUSES = {
    Event.State.SCHEDULED: "https://schema.org/EventScheduled",
    Event.State.POSTPONED: "https://schema.org/EventPostponed",
    Event.State.CANCELLED: "https://schema.org/EventCancelled",
}
ATTENDANCE_MODES = {
    Event.Attendance.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Attendance.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def known(**properties):
    """The properties that have a value: no None, empty text, empty list or missing file."""
    return {name: value for name, value in properties.items() if value}


def document(schema_type, **properties):
    return {"@context": SCHEMA_ORG, "@type": schema_type, **known(**properties)}


def instant(value):
    """An aware datetime in ISO 8601 with the site's offset, e.g. 2019-06-30T09:00:00+08:00."""
    return timezone.localtime(value).isoformat() if value else None


def coalition(absolute_url):
    return {
        "@type": "Organization",
        "name": gettext("Belt and Road Initiative International Green Development Coalition"),
        "alternateName": "BRIGC",
        "url": absolute_url(reverse("alliance:home")),
    }


def publisher(absolute_url):
    """The coalition's secretariat, which publishes the journal."""
    return {
        "@type": "Organization",
        "name": str(settings.SITE_PUBLISHER),
        "parentOrganization": coalition(absolute_url),
    }


def periodical(absolute_url):
    return {
        "@type": "Periodical",
        "name": str(settings.SITE_NAME),
        "url": absolute_url(reverse("newsletters:issue-archive")),
        "publisher": publisher(absolute_url),
    }


def organisation(organisation, absolute_url):
    return known(
        **{"@type": "Organization"},
        name=organisation.name,
        url=absolute_url(organisation.get_absolute_url()),
        sameAs=organisation.website,
    )


def home_page(absolute_url):
    """The coalition itself, on the home page."""
    return {"@context": SCHEMA_ORG, **coalition(absolute_url)}


def publication_issue(issue, absolute_url):
    return document(
        "PublicationIssue",
        issueNumber=str(issue.number),
        name=issue.title,
        description=issue.summary,
        datePublished=instant(issue.published_at),
        inLanguage=shown_in(issue, "title"),
        image=rendition_url(issue.cover_image, "og", absolute_url),
        url=absolute_url(issue.get_absolute_url()),
        isPartOf=periodical(absolute_url),
    )


def news_article(article, absolute_url):
    """An article, part of its issue, credited to its source or else to the secretariat."""
    issue = article.issue
    page = absolute_url(article.get_absolute_url())
    source = article.source_name()
    published = instant(issue.published_at)
    return document(
        "NewsArticle",
        headline=article.title,
        description=article.lead,
        articleSection=article.section.name,
        datePublished=published,
        # The journal keeps no revision dates: an article stands as its issue published it.
        dateModified=published,
        inLanguage=shown_in(article, "body"),
        image=rendition_url(article.image or issue.cover_image, "og", absolute_url),
        author={"@type": "Organization", "name": source} if source else publisher(absolute_url),
        publisher=publisher(absolute_url),
        isPartOf=known(
            **{"@type": "PublicationIssue"},
            issueNumber=str(issue.number),
            datePublished=published,
            url=absolute_url(issue.get_absolute_url()),
            isPartOf=periodical(absolute_url),
        ),
        url=page,
        mainEntityOfPage={"@type": "WebPage", "@id": page},
    )


def event_dates(event):
    """Start and end in ISO 8601: venue times with their offset, or dates for all-day events."""
    if event.is_month_only:
        # Only the month is known; ISO 8601 says so with a year and month, not a made-up day.
        return f"{event.start_date:%Y-%m}", f"{event.end_date:%Y-%m}"
    if event.is_all_day:
        return event.start_date.isoformat(), event.end_date.isoformat()
    end = event.local_end().isoformat() if event.end_time else event.end_date.isoformat()
    return event.local_start().isoformat(), end


def event_location(event):
    """Where to attend: the place, the online link, or both for a hybrid event."""
    locations = []
    if event.attendance != Event.Attendance.ONLINE and (event.venue or event.city or event.country):
        address = known(addressLocality=event.city, addressCountry=event.country.code)
        locations.append(
            known(
                **{"@type": "Place"},
                name=event.venue or event.city,
                address=address and {"@type": "PostalAddress", **address},
            )
        )
    if event.attendance != Event.Attendance.IN_PERSON:
        locations.append(known(**{"@type": "VirtualLocation"}, url=event.online_url))
    return locations[0] if len(locations) == 1 else locations


def event(event, absolute_url):
    start, end = event_dates(event)
    return document(
        "Event",
        name=event.title,
        description=event.description,
        startDate=start,
        endDate=end,
        eventStatus=EVENT_STATUSES[event.state],
        eventAttendanceMode=ATTENDANCE_MODES[event.attendance],
        location=event_location(event),
        organizer=[organisation(o, absolute_url) for o in event.organisers.all()],
        url=absolute_url(event.get_absolute_url()),
    )


def person(person, absolute_url):
    return document(
        "Person",
        name=person.name,
        jobTitle=person.title,
        description=person.bio,
        image=rendition_url(person.photo, "speaker", absolute_url),
        url=absolute_url(person.get_absolute_url()),
    )


def report(report, absolute_url):
    return document(
        "Report",
        name=report.title,
        description=report.summary,
        about=[{"@type": "Thing", "name": p.name} for p in report.partnerships.all()],
        author=[organisation(o, absolute_url) for o in report.research_organisations.all()],
        datePublished=report.published_on and report.published_on.isoformat(),
        creativeWorkStatus=report.get_progress_display(),
        publisher=publisher(absolute_url),
        encoding=report.pdf
        and {
            "@type": "MediaObject",
            "contentUrl": absolute_url(report.pdf.url),
            "encodingFormat": "application/pdf",
        },
        url=absolute_url(report.get_absolute_url()),
    )
