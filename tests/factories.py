"""Small builders that make only what a test needs."""

import datetime
import itertools

from django.utils import timezone

from alliance.models import Organisation, Person, Report
from alliance.publishing import Status
from events.models import Event
from newsletters.models import Article, Issue, Quote, Section
from partnerships.models import Convenor, ThematicPartnership

_sequence = itertools.count(1)


def next_number():
    return next(_sequence)


def make_section(**fields):
    n = next_number()
    fields.setdefault("slug", f"section-{n}")
    fields.setdefault("name_zh_hans", f"栏目{n}")
    fields.setdefault("name_en", f"Section {n}")
    fields.setdefault("position", n)
    return Section.objects.create(**fields)


def make_issue(*, published=True, **fields):
    n = next_number()
    fields.setdefault("number", n)
    fields.setdefault("date", datetime.date(2019, 1, 1) + datetime.timedelta(days=31 * (n % 60)))
    fields.setdefault("title_zh_hans", f"第{n}期")
    fields.setdefault("title_en", f"Issue {n}")
    if published:
        fields.setdefault("status", Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    return Issue.objects.create(**fields)


def make_article(*, issue=None, section=None, published=True, **fields):
    n = next_number()
    fields.setdefault("slug", f"article-{n}")
    fields.setdefault("title_zh_hans", f"文章{n}")
    fields.setdefault("title_en", f"Article {n}")
    fields.setdefault("body_zh_hans", f"<p>正文{n}</p>")
    fields.setdefault("position", n)
    fields.setdefault("status", Status.PUBLISHED if published else Status.DRAFT)
    return Article.objects.create(
        issue=issue or make_issue(), section=section or make_section(), **fields
    )


def make_person(**fields):
    n = next_number()
    fields.setdefault("slug", f"person-{n}")
    fields.setdefault("name_zh_hans", f"人物{n}")
    fields.setdefault("name_en", f"Person {n}")
    return Person.objects.create(**fields)


def make_quote(*, article=None, person=None, **fields):
    fields.setdefault("text_zh_hans", "绿色发展是共同的选择。")
    fields.setdefault("title_zh_hans", "部长")
    return Quote.objects.create(
        article=article or make_article(), person=person or make_person(), **fields
    )


def make_organisation(**fields):
    n = next_number()
    fields.setdefault("slug", f"organisation-{n}")
    fields.setdefault("name_zh_hans", f"机构{n}")
    fields.setdefault("name_en", f"Organisation {n}")
    return Organisation.objects.create(**fields)


def make_partnership(**fields):
    n = next_number()
    fields.setdefault("slug", f"partnership-{n}")
    fields.setdefault("name_zh_hans", f"专题{n}")
    fields.setdefault("name_en", f"Partnership {n}")
    return ThematicPartnership.objects.create(**fields)


def make_convenor(*, partnership, organisation=None, side=Convenor.Side.CHINESE):
    return Convenor.objects.create(
        partnership=partnership, organisation=organisation or make_organisation(), side=side
    )


def make_event(*, published=True, **fields):
    n = next_number()
    fields.setdefault("slug", f"event-{n}")
    fields.setdefault("title_zh_hans", f"会议{n}")
    fields.setdefault("title_en", f"Meeting {n}")
    fields.setdefault("start_date", timezone.localdate() + datetime.timedelta(days=10))
    fields.setdefault("end_date", fields["start_date"])
    if published:
        fields.setdefault("status", Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    return Event.objects.create(**fields)


def make_report(*, published=True, **fields):
    n = next_number()
    fields.setdefault("slug", f"report-{n}")
    fields.setdefault("kind", Report.Kind.FLAGSHIP)
    fields.setdefault("title_zh_hans", f"报告{n}")
    fields.setdefault("title_en", f"Report {n}")
    if published:
        fields.setdefault("status", Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=1))
    return Report.objects.create(**fields)
