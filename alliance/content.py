"""Loads the journal's content from the YAML files in content/ (see content/README.md).

Every record has a natural key (a slug, an issue number, a Chinese name), so loading is
idempotent: loading twice changes nothing, and loading an edited file updates what it names.
"""

import datetime
import re
import uuid
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.html import escape

from alliance.models import Organisation, Person, Report, WorkPlanItem
from alliance.publishing import Status
from events.models import Event
from newsletters.models import Article, Issue, Quote, Section
from partnerships.models import Convenor, ThematicPartnership

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
# An archive event has the same calendar UID on every site that loads it.
EVENT_UID_NAMESPACE = uuid.UUID("5b0c6a8e-2f4e-4d0e-9a57-7f1c2b9e1d10")
LANGUAGES = ("zh_hans", "en")


class ContentError(Exception):
    """The content files are inconsistent; the message says where and how."""


def normalise_name(name):
    """A name as a key: no white space, one kind of middle dot."""
    return re.sub(r"\s+", "", str(name)).replace("•", "·").replace("・", "·").replace("．", "·")


def normalise_text(text):
    return re.sub(r"\s+", "", str(text))


def translated(value):
    """A translated value from the data: a mapping by language, or a Chinese string."""
    if value is None:
        return {language: "" for language in LANGUAGES}
    if isinstance(value, dict):
        unknown = set(value) - set(LANGUAGES)
        if unknown:
            raise ContentError(f"unknown language key(s) {sorted(unknown)} in {value!r}")
        return {language: str(value.get(language) or "").strip() for language in LANGUAGES}
    return {"zh_hans": str(value).strip(), "en": ""}


def set_translated(obj, name, value):
    for language, text in translated(value).items():
        setattr(obj, f"{name}_{language}", text)


def paragraphs_to_html(paragraphs):
    """Body paragraphs from the data as HTML; a paragraph starting with "## " is a sub-heading."""
    html = []
    for paragraph in paragraphs or []:
        paragraph = str(paragraph).strip()
        if paragraph.startswith("## "):
            html.append(f"<h3>{escape(paragraph[3:].strip())}</h3>")
        elif paragraph:
            html.append(f"<p>{escape(paragraph)}</p>")
    return "\n".join(html)


def as_date(value, where):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise ContentError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from error


def as_date_and_time(value, where):
    """A date, or a local date and time ("2019-09-24 09:00")."""
    if isinstance(value, datetime.datetime):
        return value.date(), value.time().replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return value, None
    try:
        moment = datetime.datetime.fromisoformat(str(value).strip())
    except ValueError as error:
        raise ContentError(f"{where}: {value!r} is not a date or a local date and time") from error
    if len(str(value).strip()) <= 10:
        return moment.date(), None
    return moment.date(), moment.time()


def country_code(value):
    """An ISO country code; YAML 1.1 reads an unquoted NO (Norway) as false."""
    if value is False:
        return "NO"
    return str(value or "").upper()


def publication_time(date):
    """The archive's items became public on their issue's date, in the morning in Beijing."""
    return datetime.datetime.combine(date, datetime.time(9, 0), tzinfo=BEIJING)


def field_values(obj):
    """A record's own values, to tell whether loading changed it."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in {"version", "updated_at", "sequence", "starts_at", "ends_at"}
    }


def save_if_changed(obj, before):
    """Save a new or changed record; an unchanged one keeps its version and change time."""
    if obj.pk is None or field_values(obj) != before:
        obj.save()


@dataclass
class Registry:
    """Resolves the references the data makes, by slug or by name."""

    sections: dict = field(default_factory=dict)
    partnerships: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    issues: dict = field(default_factory=dict)

    def _find(self, table, key, kind, where):
        if key is None or key == "":
            return None
        try:
            return table[normalise_name(key) if kind in {"person", "organisation"} else key]
        except KeyError:
            raise ContentError(f"{where}: unknown {kind} {key!r}") from None

    def section(self, key, where):
        return self._find(self.sections, key, "section", where)

    def partnership(self, key, where):
        return self._find(self.partnerships, key, "partnership", where)

    def organisation(self, key, where):
        return self._find(self.organisations, key, "organisation", where)

    def person(self, key, where):
        return self._find(self.people, key, "person", where)

    def article(self, reference, where):
        if not reference:
            return None
        issue = self.issues.get(reference.get("issue"))
        if issue is None:
            raise ContentError(f"{where}: unknown issue {reference.get('issue')!r}")
        title = normalise_text(reference.get("title", ""))
        articles = {normalise_text(article.title_zh_hans): article for article in issue.loaded}
        if title in articles:
            return articles[title]
        near = [a for t, a in articles.items() if title and (title in t or t in title)]
        if len(near) == 1:
            return near[0]
        raise ContentError(
            f"{where}: no article titled {reference.get('title')!r} in issue {issue.number}"
        )


class ContentLoader:
    def __init__(self, directory=None, log=None):
        self.directory = Path(directory or settings.CONTENT_DIR)
        self.registry = Registry()
        self.log = log or (lambda message: None)
        self.counts = {}

    def read(self, relative):
        path = self.directory / relative
        try:
            with path.open(encoding="utf-8") as handle:
                return yaml.safe_load(handle) or {}
        except yaml.YAMLError as error:
            raise ContentError(f"{relative}: not valid YAML: {error}") from error

    def count(self, kind, number=1):
        self.counts[kind] = self.counts.get(kind, 0) + number

    @transaction.atomic
    def load(self):
        coalition = self.read("coalition.yaml")
        self.load_sections(coalition.get("sections", []))
        self.load_organisations(coalition.get("organisations", []))
        self.load_partnerships(coalition.get("partnerships", []))
        self.load_people(coalition.get("people", []))
        for path in sorted((self.directory / "issues").glob("*.yaml")):
            self.load_issue(path.relative_to(self.directory))
        calendar_path = self.directory / "calendar.yaml"
        if calendar_path.exists():
            calendar = self.read("calendar.yaml")
            self.load_events(calendar.get("events", []))
            self.load_reports(calendar.get("reports", []))
            self.load_work_plan(calendar.get("work_plan", []))
        return self.counts

    def load_sections(self, sections):
        for position, data in enumerate(sections, start=1):
            section, _ = Section.objects.get_or_create(slug=data["slug"])
            set_translated(section, "name", data["name"])
            section.position = position
            section.save()
            self.registry.sections[section.slug] = section
            self.count("sections")

    def load_organisations(self, organisations):
        for data in organisations:
            where = f"coalition.yaml organisation {data.get('slug')!r}"
            organisation = Organisation.objects.filter(slug=data["slug"]).first() or Organisation(
                slug=data["slug"]
            )
            set_translated(organisation, "name", data["name"])
            organisation.acronym = data.get("acronym") or ""
            organisation.kind = data.get("kind") or Organisation.Kind.OTHER
            if organisation.kind not in Organisation.Kind.values:
                raise ContentError(f"{where}: unknown kind {organisation.kind!r}")
            organisation.country = country_code(data.get("country"))
            organisation.website = data.get("website") or ""
            organisation.is_partner = bool(data.get("partner"))
            organisation.save()
            names = [organisation.name_zh_hans, organisation.name_en, organisation.acronym]
            self.register_names(self.registry.organisations, organisation, names, data, where)
            self.count("organisations")

    def register_names(self, table, obj, names, data, where):
        for name in [*names, *(data.get("aliases") or [])]:
            if not name:
                continue
            key = normalise_name(name)
            if key in table and table[key] != obj:
                raise ContentError(f"{where}: the name {name!r} is already used by {table[key]}")
            table[key] = obj

    def load_partnerships(self, partnerships):
        for position, data in enumerate(partnerships, start=1):
            where = f"coalition.yaml partnership {data.get('slug')!r}"
            partnership, _ = ThematicPartnership.objects.get_or_create(
                slug=data["slug"], defaults={"name_zh_hans": translated(data["name"])["zh_hans"]}
            )
            set_translated(partnership, "name", data["name"])
            set_translated(partnership, "description", data.get("description"))
            set_translated(partnership, "focus_areas", data.get("focus_areas"))
            partnership.launched_on = as_date(data.get("launched"), where)
            partnership.position = position
            partnership.save()
            kept = []
            for convenor_position, convenor_data in enumerate(data.get("convenors") or [], 1):
                organisation = self.registry.organisation(convenor_data["organisation"], where)
                convenor, _ = Convenor.objects.update_or_create(
                    partnership=partnership,
                    organisation=organisation,
                    defaults={"side": convenor_data["side"], "position": convenor_position},
                )
                kept.append(convenor.pk)
            partnership.convenors.exclude(pk__in=kept).delete()
            self.registry.partnerships[partnership.slug] = partnership
            self.count("partnerships")

    def load_people(self, people):
        for data in people:
            where = f"coalition.yaml person {data.get('slug')!r}"
            person = Person.objects.filter(slug=data["slug"]).first() or Person(slug=data["slug"])
            set_translated(person, "name", data["name"])
            set_translated(person, "title", data.get("title"))
            set_translated(person, "bio", data.get("bio"))
            person.save()
            names = [person.name_zh_hans, person.name_en]
            self.register_names(self.registry.people, person, names, data, where)
            self.count("people")

    def load_issue(self, relative):
        data = self.read(relative)
        issue_data = data["issue"]
        where = f"{relative}"
        issue = Issue.objects.filter(number=issue_data["number"]).first() or Issue(
            number=issue_data["number"]
        )
        before = field_values(issue)
        issue.date = as_date(issue_data["date"], where)
        set_translated(issue, "title", issue_data["title"])
        set_translated(issue, "summary", issue_data.get("summary"))
        issue.status = Status.PUBLISHED
        issue.published_at = issue.published_at or publication_time(issue.date)
        save_if_changed(issue, before)
        issue.loaded = []
        self.registry.issues[issue.number] = issue
        self.count("issues")
        slugs = set()
        for position, article_data in enumerate(data.get("articles") or [], start=1):
            article_where = f"{relative} article {article_data.get('slug')!r}"
            if article_data["slug"] in slugs:
                raise ContentError(f"{article_where}: the slug is used twice in the issue")
            slugs.add(article_data["slug"])
            issue.loaded.append(self.load_article(issue, position, article_data, article_where))

    def load_article(self, issue, position, data, where):
        article = Article.objects.filter(issue=issue, slug=data["slug"]).first() or Article(
            issue=issue, slug=data["slug"]
        )
        before = field_values(article)
        article.section = self.registry.section(data["section"], where)
        article.position = position
        article.status = Status.PUBLISHED
        set_translated(article, "title", data["title"])
        set_translated(article, "lead", data.get("lead"))
        article.date = as_date(data.get("date"), where)
        article.body_zh_hans = paragraphs_to_html(data.get("body"))
        article.body_en = paragraphs_to_html(data.get("body_en"))
        source = data.get("source") or {}
        set_translated(article, "reprinted_from", source.get("reprinted_from"))
        set_translated(article, "source_detail", source.get("detail"))
        article.contributed_by = self.registry.organisation(source.get("contributed_by"), where)
        article.contributing_partnership = self.registry.partnership(
            source.get("contributed_by_partnership"), where
        )
        article.full_clean(exclude=["issue", "section", "contributed_by"], validate_unique=False)
        save_if_changed(article, before)
        article.partnerships.set(
            [self.registry.partnership(slug, where) for slug in data.get("partnerships") or []]
        )
        self.load_quotes(article, data.get("quotes") or [], where)
        self.count("articles")
        return article

    def load_quotes(self, article, quotes, where):
        existing = list(article.quotes.order_by("position", "id"))
        for position, data in enumerate(quotes, start=1):
            quote = existing[position - 1] if position <= len(existing) else Quote(article=article)
            quote.person = self.registry.person(data["person"], f"{where} quote {position}")
            set_translated(quote, "title", data.get("title"))
            set_translated(quote, "text", data["text"])
            quote.position = position
            quote.save()
            self.count("quotes")
        for surplus in existing[len(quotes) :]:
            surplus.delete()

    def load_events(self, events):
        for data in events:
            where = f"calendar.yaml event {data.get('slug')!r}"
            event = Event.objects.filter(slug=data["slug"]).first() or Event(
                slug=data["slug"], uid=uuid.uuid5(EVENT_UID_NAMESPACE, data["slug"])
            )
            before = field_values(event)
            set_translated(event, "title", data["title"])
            set_translated(event, "description", data.get("description"))
            set_translated(event, "venue", data.get("venue"))
            set_translated(event, "city", data.get("city"))
            event.kind = data.get("kind") or Event.Kind.MEETING
            event.start_date, event.start_time = as_date_and_time(data["start"], where)
            end = data.get("end") or data["start"]
            event.end_date, event.end_time = as_date_and_time(end, where)
            if event.start_time is None:
                event.end_time = None
            event.date_precision = data.get("date_precision") or Event.DatePrecision.DAY
            event.timezone = data.get("timezone") or "Asia/Shanghai"
            event.country = country_code(data.get("country"))
            event.state = data.get("status") or Event.State.SCHEDULED
            set_translated(event, "state_note", data.get("status_note"))
            event.attendance = data.get("attendance") or Event.Attendance.IN_PERSON
            event.online_url = data.get("online_url") or ""
            event.registration_url = data.get("registration_url") or ""
            event.announcement = self.registry.article(data.get("announced_in"), where)
            event.report_article = self.registry.article(data.get("reported_in"), where)
            event.status = Status.PUBLISHED
            first_mention = event.announcement or event.report_article
            event.published_at = event.published_at or publication_time(
                first_mention.issue.date if first_mention else event.start_date
            )
            event.full_clean(exclude=["announcement", "report_article"], validate_unique=False)
            save_if_changed(event, before)
            event.organisers.set(
                [self.registry.organisation(name, where) for name in data.get("organisers") or []]
            )
            event.partnerships.set(
                [self.registry.partnership(slug, where) for slug in data.get("partnerships") or []]
            )
            self.count("events")

    def load_reports(self, reports):
        for data in reports:
            where = f"calendar.yaml report {data.get('slug')!r}"
            report = Report.objects.filter(slug=data["slug"]).first() or Report(slug=data["slug"])
            before = field_values(report)
            report.kind = data["kind"]
            set_translated(report, "title", data["title"])
            set_translated(report, "summary", data.get("summary"))
            set_translated(report, "research_team", data.get("research_team"))
            report.lead = self.registry.person(data.get("lead"), where)
            report.planned_on = as_date(data.get("planned"), where)
            report.published_on = as_date(data.get("published"), where)
            report.progress = data.get("status") or Report.Progress.PLANNED
            report.announcement = self.registry.article(data.get("announced_in"), where)
            report.status = Status.PUBLISHED
            report.published_at = report.published_at or publication_time(
                report.announcement.issue.date if report.announcement else datetime.date(2019, 1, 1)
            )
            report.full_clean(exclude=["lead", "announcement"], validate_unique=False)
            save_if_changed(report, before)
            report.research_organisations.set(
                [
                    self.registry.organisation(name, where)
                    for name in data.get("research_organisations") or []
                ]
            )
            report.partnerships.set(
                [self.registry.partnership(slug, where) for slug in data.get("partnerships") or []]
            )
            self.count("reports")

    def load_work_plan(self, items):
        existing = list(WorkPlanItem.objects.order_by("position", "id"))
        for position, data in enumerate(items, start=1):
            item = existing[position - 1] if position <= len(existing) else WorkPlanItem()
            set_translated(item, "area", data.get("area"))
            set_translated(item, "activity", data["activity"])
            set_translated(item, "outcome", data.get("outcome"))
            set_translated(item, "deadline", data.get("deadline"))
            item.due_on = as_date(data.get("due"), f"calendar.yaml work plan item {position}")
            item.position = position
            item.save()
            self.count("work plan items")
        for surplus in existing[len(items) :]:
            surplus.delete()


def load_content(directory=None, log=None):
    return ContentLoader(directory, log).load()
