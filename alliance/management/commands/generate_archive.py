"""A large synthetic archive beside the real one, to measure the site at the size it must carry.

Twenty years of monthly issues, articles whose Chinese bodies are sentences of the 2019 text
recombined, quotes, speakers, events across timezones, reports: everything published. Rows are
inserted with bulk_create, which bypasses the signals that keep the search index and the page
cache in step; the command rebuilds the index in bulk and marks cached pages old once at the end.
For benchmarks and load tests only: never run it against the real site's database.
"""

import calendar
import datetime
import random
import re
import time
import uuid
import zoneinfo
from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count, Min, Prefetch
from django.utils import timezone, translation
from django.utils.text import slugify

from alliance import search
from alliance.content import paragraphs_to_html, publication_time
from alliance.models import Organisation, Person, Report, SearchEntry
from alliance.page_cache import content_changed
from alliance.publishing import Status
from events.models import Event
from newsletters.models import Article, Issue, Quote, Section
from partnerships.models import ThematicPartnership

# What --scale 1 makes: about twenty years of the journal.
FULL_SIZE = {
    "issues": 240,
    "articles": 10_000,
    "quotes": 25_000,
    "people": 2_000,
    "events": 5_000,
    "reports": 200,
}
# The journal numbers its own issues from 1; synthetic issues start far above, so that the two
# never meet and the synthetic ones are easy to tell (and to find again).
FIRST_SYNTHETIC_NUMBER = 1001
BATCH_SIZE = 1000
SOURCE_TEXT = "sources/green-bri-observer-2019.txt"
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")

# (Chinese, English, slug)
TOPICS = [
    ("绿色金融", "green finance", "green-finance"),
    ("生物多样性保护", "biodiversity conservation", "biodiversity"),
    ("海洋环境治理", "ocean environmental governance", "ocean-governance"),
    ("荒漠化防治", "combating desertification", "desertification"),
    ("应对气候变化", "climate action", "climate-action"),
    ("绿色能源", "green energy", "green-energy"),
    ("能源效率", "energy efficiency", "energy-efficiency"),
    ("可持续交通", "sustainable transport", "sustainable-transport"),
    ("绿色城市", "green cities", "green-cities"),
    ("环境法律法规", "environmental law", "environmental-law"),
    ("南南环境合作", "South-South environmental cooperation", "south-south"),
    ("绿色技术创新", "green technology innovation", "green-technology"),
    ("生态环保大数据", "environmental big data", "big-data"),
    ("绿色投资原则", "green investment principles", "green-investment"),
    ("无废城市", "zero-waste cities", "zero-waste"),
    ("可持续发展目标", "the Sustainable Development Goals", "sdgs"),
]
EVENT_KINDS = {
    Event.Kind.MEETING: ("会议", "meeting"),
    Event.Kind.FORUM: ("论坛", "forum"),
    Event.Kind.SIDE_EVENT: ("边会", "side event"),
    Event.Kind.WORKSHOP: ("研讨会", "workshop"),
    Event.Kind.LAUNCH: ("发布会", "launch"),
    Event.Kind.TRAINING: ("培训班", "training"),
}
# (Chinese, English, slug, timezone, country): venues on every continent, with and without
# daylight saving time, north and south of the equator.
CITIES = [
    ("北京", "Beijing", "beijing", "Asia/Shanghai", "CN"),
    ("深圳", "Shenzhen", "shenzhen", "Asia/Shanghai", "CN"),
    ("上海", "Shanghai", "shanghai", "Asia/Shanghai", "CN"),
    ("长沙", "Changsha", "changsha", "Asia/Shanghai", "CN"),
    ("杭州", "Hangzhou", "hangzhou", "Asia/Shanghai", "CN"),
    ("奥斯陆", "Oslo", "oslo", "Europe/Oslo", "NO"),
    ("纽约", "New York", "new-york", "America/New_York", "US"),
    ("内罗毕", "Nairobi", "nairobi", "Africa/Nairobi", "KE"),
    ("日内瓦", "Geneva", "geneva", "Europe/Zurich", "CH"),
    ("马德里", "Madrid", "madrid", "Europe/Madrid", "ES"),
    ("伦敦", "London", "london", "Europe/London", "GB"),
    ("巴黎", "Paris", "paris", "Europe/Paris", "FR"),
    ("新加坡", "Singapore", "singapore", "Asia/Singapore", "SG"),
    ("曼谷", "Bangkok", "bangkok", "Asia/Bangkok", "TH"),
    ("雅加达", "Jakarta", "jakarta", "Asia/Jakarta", "ID"),
    ("伊斯兰堡", "Islamabad", "islamabad", "Asia/Karachi", "PK"),
    ("阿斯塔纳", "Astana", "astana", "Asia/Almaty", "KZ"),
    ("开罗", "Cairo", "cairo", "Africa/Cairo", "EG"),
    ("达喀尔", "Dakar", "dakar", "Africa/Dakar", "SN"),
    ("圣保罗", "São Paulo", "sao-paulo", "America/Sao_Paulo", "BR"),
    ("悉尼", "Sydney", "sydney", "Australia/Sydney", "AU"),
    ("莫斯科", "Moscow", "moscow", "Europe/Moscow", "RU"),
    ("迪拜", "Dubai", "dubai", "Asia/Dubai", "AE"),
]
OUTLETS = ["新华网", "人民网", "中国环境报", "光明日报", "经济日报", "中国日报网", "生态环境部网站"]
# (Chinese, English)
ROLES = [
    ("主任", "Director"),
    ("副主任", "Deputy Director"),
    ("总裁", "President"),
    ("首席执行官", "Chief Executive Officer"),
    ("高级顾问", "Senior Adviser"),
    ("研究员", "Research Fellow"),
    ("首席经济学家", "Chief Economist"),
    ("执行秘书", "Executive Secretary"),
    ("秘书长", "Secretary-General"),
    ("司长", "Director-General"),
    ("教授", "Professor"),
]
SURNAMES = [
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
    ("杨", "Yang"), ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"),
    ("徐", "Xu"), ("孙", "Sun"), ("胡", "Hu"), ("朱", "Zhu"), ("高", "Gao"),
    ("林", "Lin"), ("何", "He"), ("郭", "Guo"), ("马", "Ma"), ("罗", "Luo"),
    ("梁", "Liang"), ("宋", "Song"), ("郑", "Zheng"), ("谢", "Xie"), ("韩", "Han"),
]  # fmt: skip
GIVEN_NAMES = [
    ("伟", "wei"), ("芳", "fang"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("霞", "xia"),
    ("平", "ping"), ("刚", "gang"), ("华", "hua"), ("建", "jian"), ("文", "wen"),
    ("新", "xin"), ("林", "lin"), ("云", "yun"), ("晓", "xiao"), ("志", "zhi"),
    ("宇", "yu"), ("鹏", "peng"), ("慧", "hui"), ("婷", "ting"), ("峰", "feng"),
]  # fmt: skip
FOREIGN_GIVEN_NAMES = [
    ("Anna", "安娜"), ("Erik", "埃里克"), ("Maria", "玛丽亚"), ("David", "戴维"),
    ("Sofia", "索菲亚"), ("Ahmed", "艾哈迈德"), ("Olga", "奥尔加"), ("James", "詹姆斯"),
    ("Amina", "阿米娜"), ("Lars", "拉尔斯"), ("Priya", "普丽娅"), ("Carlos", "卡洛斯"),
]  # fmt: skip
FOREIGN_FAMILY_NAMES = [
    ("Hansen", "汉森"), ("Müller", "米勒"), ("Silva", "席尔瓦"), ("Khan", "汗"),
    ("Ivanova", "伊万诺娃"), ("Okafor", "奥卡福"), ("Martin", "马丁"), ("Berg", "贝里"),
    ("Sharma", "夏尔马"), ("Garcia", "加西亚"), ("Novak", "诺瓦克"), ("Tanaka", "田中"),
]  # fmt: skip
# A speaker's share of the quotes falls with their rank (a Zipf-like law): the busiest speaker
# is quoted about two hundred times over twenty years, most of them a handful of times.
SPEAKER_RANK_OFFSET = 30


def source_sentences(path):
    """Whole sentences of the 2019 issues' text, in Chinese, without the PDF's line breaks, in
    their order."""
    text = path.read_text(encoding="utf-8")
    cjk = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        # The PDF breaks lines mid-sentence and sometimes spaces out every character.
        paragraph = re.sub(r"\s*\n\s*", "", paragraph)
        paragraph = re.sub(rf"(?<=[{cjk}])\s+(?=[{cjk}])", "", paragraph)
        for sentence in re.findall(r"[^。！？]*[。！？]", paragraph):
            sentence = sentence.strip()
            chinese = len(re.findall(r"[\u4e00-\u9fff]", sentence))
            if (
                15 <= len(sentence) <= 160
                and chinese > 0.6 * len(sentence)
                and not re.match(r"[（(]?\d|[一二三四五六七八九十]是", sentence)
                and not re.search(r"来源|供稿", sentence)
            ):
                sentences.append(sentence)
    return list(dict.fromkeys(sentences))  # once each, in the order of the text


def shares(total, weights):
    """`total` split in proportion to `weights`, as whole numbers that add up to it."""
    exact = [total * weight / sum(weights) for weight in weights]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def link(relation, pairs):
    """Rows of a many-to-many table in bulk; `relation` is e.g. Article.partnerships."""
    through = relation.through
    source = f"{relation.field.m2m_field_name()}_id"
    target = f"{relation.field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create(
        [through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH_SIZE
    )


class ArchiveGenerator:
    def __init__(self, *, scale, seed, log):
        self.rng = random.Random(seed)
        self.size = {kind: max(1, round(number * scale)) for kind, number in FULL_SIZE.items()}
        self.log = log
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.sentences = source_sentences(settings.CONTENT_DIR / SOURCE_TEXT)
        self.sections = {section.slug: section for section in Section.objects.all()}
        self.partnerships = list(ThematicPartnership.objects.all())
        self.organisations = list(Organisation.objects.all())
        if not (self.sections and self.partnerships and self.organisations):
            raise CommandError(
                "Load the real archive first (manage.py load_content): the large archive reuses "
                "its sections, partnerships and organisations."
            )

    def generate(self):
        people = self.make_people()
        issues = self.make_issues()
        articles = self.make_articles(issues)
        self.make_quotes(articles, people)
        self.make_events(issues, articles)
        self.make_reports(articles, people)
        return self.size

    # Text

    def passage(self, count):
        """`count` sentences that follow each other in the source: on one subject, as an
        article is, so that a word is found in about as many articles as in the journal."""
        start = self.rng.randrange(len(self.sentences) - count + 1)
        return self.sentences[start : start + count]

    def paragraph(self, sentences=(1, 4)):
        return "".join(self.passage(self.rng.randint(*sentences)))

    def body(self, topic, city, kind, date):
        sentences = self.passage(self.rng.randint(4, 15))
        paragraphs = [
            f"{date.year}年{date.month}月{date.day}日，{topic[0]}{kind[0]}在{city[0]}召开。"
        ]
        while sentences:
            size = self.rng.randint(1, 4)
            paragraphs.append("".join(sentences[:size]))
            sentences = sentences[size:]
        paragraphs[:2] = [paragraphs[0] + paragraphs[1]]
        if self.rng.random() < 0.15:
            paragraphs.insert(len(paragraphs) // 2, f"## {topic[0]}")
        return paragraphs_to_html(paragraphs)

    def publication(self, date, *, days_before=0):
        """A publication time on `date` (or some days before), never later than now."""
        moment = publication_time(date - datetime.timedelta(days=days_before))
        return min(moment, self.now - datetime.timedelta(hours=1))

    # People

    def make_people(self):
        """New speakers, then every speaker ranked: the real ones most quoted first."""
        real = list(Person.objects.annotate(quote_count=Count("quotes")))
        real.sort(key=lambda person: (-person.quote_count, person.slug))
        used_slugs = {person.slug for person in real}
        people = []
        for _ in range(self.size["people"]):
            if self.rng.random() < 0.75:
                surname, given = self.rng.choice(SURNAMES), self.rng.sample(GIVEN_NAMES, 2)
                given = given[: self.rng.randint(1, 2)]
                name_zh = surname[0] + "".join(g[0] for g in given)
                name_en = f"{surname[1]} {''.join(g[1] for g in given).title()}"
            else:
                given, family = (
                    self.rng.choice(FOREIGN_GIVEN_NAMES),
                    self.rng.choice(FOREIGN_FAMILY_NAMES),
                )
                name_zh, name_en = f"{given[1]}·{family[1]}", f"{given[0]} {family[0]}"
            slug = base = slugify(name_en)
            suffix = 1
            while slug in used_slugs:
                suffix += 1
                slug = f"{base}-{suffix}"
            used_slugs.add(slug)
            organisation, role = self.rng.choice(self.organisations), self.rng.choice(ROLES)
            people.append(
                Person(
                    slug=slug,
                    name_zh_hans=name_zh,
                    name_en=name_en,
                    title_zh_hans=f"{organisation.name_zh_hans}{role[0]}",
                    title_en=f"{role[1]}, {organisation.name_en or organisation.name_zh_hans}",
                )
            )
        Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
        self.log(f"{len(people)} people")
        return real + people

    # Issues and articles

    def make_issues(self):
        """Monthly issues, the latest last month, leaving out the real archive's years; they
        are saved with their articles, whose titles theirs are made from."""
        real_years = {date.year for date in Issue.objects.values_list("date", flat=True)}
        months = []
        year, month = self.today.year, self.today.month
        while len(months) < self.size["issues"]:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            if year not in real_years:
                months.append((year, month))
        issues = [
            Issue(
                number=FIRST_SYNTHETIC_NUMBER + i,
                date=month_end(year, month),
                status=Status.PUBLISHED,
                published_at=publication_time(month_end(year, month)),
                version=1,
            )
            for i, (year, month) in enumerate(reversed(months))
        ]
        return issues

    def article_title(self, topic, city, kind, date):
        """A title in both languages and the section it belongs in."""
        organisation = self.rng.choice(self.organisations)
        partnership = self.rng.choice(self.partnerships)
        org_en = organisation.name_en or organisation.name_zh_hans
        patterns = [
            (
                f"{topic[0]}{kind[0]}在{city[0]}召开",
                f"{kind[1].capitalize()} on {topic[1]} held in {city[1]}",
                "coalition-news",
            ),
            (
                f"{organisation.name_zh_hans}发布{topic[0]}研究报告",
                f"{org_en} publishes a study on {topic[1]}",
                "research",
            ),
            (
                f"{partnership.name_zh_hans}专题伙伴关系{date.year}年工作进展",
                f"{partnership.name_en or partnership.name_zh_hans} Partnership: "
                f"progress in {date.year}",
                "partnership-progress",
            ),
            (
                f"{city[0]}推进{topic[0]}国际合作",
                f"{city[1]} advances international cooperation on {topic[1]}",
                "green-silk-road-news",
            ),
            (
                f"“一带一路”{topic[0]}{kind[0]}将在{city[0]}举办",
                f"Belt and Road {kind[1]} on {topic[1]} to be held in {city[1]}",
                "upcoming-events",
            ),
            (
                f"专家谈{topic[0]}：携手共建绿色“一带一路”",
                f"Experts on {topic[1]}: building a green Belt and Road together",
                "perspectives",
            ),
        ]
        title_zh, title_en, section_slug = self.rng.choice(patterns)
        section = self.sections.get(section_slug) or self.rng.choice(list(self.sections.values()))
        return title_zh, title_en, section

    def make_articles(self, issues):
        counts = shares(self.size["articles"], [self.rng.uniform(0.6, 1.4) for _ in issues])
        articles, partnership_links = [], []
        section_order = {section: section.position for section in self.sections.values()}
        for issue, count in zip(issues, counts, strict=True):
            drafts = []
            for _ in range(count):
                topic, city = self.rng.choice(TOPICS), self.rng.choice(CITIES)
                kind = self.rng.choice(list(EVENT_KINDS.values()))
                date = issue.date - datetime.timedelta(days=self.rng.randint(0, 27))
                title_zh, title_en, section = self.article_title(topic, city, kind, date)
                article = Article(
                    issue=issue,
                    section=section,
                    status=Status.PUBLISHED,
                    title_zh_hans=title_zh,
                    title_en=title_en,
                    date=date,
                    lead_zh_hans=self.paragraph((1, 1)) if self.rng.random() < 0.1 else "",
                    body_zh_hans=self.body(topic, city, kind, date),
                    version=1,
                )
                self.credit_source(article)
                drafts.append((article, topic))
            # The table of contents goes section by section, as the journal prints it.
            drafts.sort(key=lambda draft: section_order[draft[0].section])
            for position, (article, topic) in enumerate(drafts, start=1):
                article.position = position
                article.slug = f"{topic[2]}-{position}"
                articles.append(article)
            issue.title_zh_hans = drafts[0][0].title_zh_hans if drafts else f"第{issue.number}期"
            issue.title_en = drafts[0][0].title_en if drafts else f"Issue {issue.number}"
            issue.summary_zh_hans = "本期报道" + "；".join(a.title_zh_hans for a, _ in drafts[:3])
            issue.summary_en = "This issue reports: " + "; ".join(a.title_en for a, _ in drafts[:3])
        Issue.objects.bulk_create(issues, batch_size=BATCH_SIZE)
        self.log(f"{len(issues)} issues, {issues[0].date:%Y-%m} to {issues[-1].date:%Y-%m}")
        Article.objects.bulk_create(articles, batch_size=BATCH_SIZE)
        for article in articles:
            chosen = self.rng.sample(self.partnerships, self.rng.choice([0, 1, 1, 2]))
            partnership_links += [(article.pk, partnership.pk) for partnership in chosen]
        link(Article.partnerships, partnership_links)
        self.log(f"{len(articles)} articles")
        return articles

    def credit_source(self, article):
        """Reprinted, contributed by an organisation or a partnership, or the journal's own."""
        draw = self.rng.random()
        if draw < 0.4:
            article.reprinted_from_zh_hans = self.rng.choice(OUTLETS)
        elif draw < 0.6:
            article.contributed_by = self.rng.choice(self.organisations)
        elif draw < 0.8:
            article.contributing_partnership = self.rng.choice(self.partnerships)

    def make_quotes(self, articles, people):
        weights = [1 / (rank + SPEAKER_RANK_OFFSET) for rank in range(len(people))]
        speakers = self.rng.choices(people, weights, k=self.size["quotes"])
        positions = defaultdict(int)
        quotes = []
        for person in speakers:
            article = self.rng.choice(articles)
            positions[article.pk] += 1
            if self.rng.random() < 0.7 and person.title_zh_hans:
                title_zh, title_en = person.title_zh_hans, person.title_en
            else:
                organisation, role = self.rng.choice(self.organisations), self.rng.choice(ROLES)
                title_zh = f"{organisation.name_zh_hans}{role[0]}"
                title_en = f"{role[1]}, {organisation.name_en or organisation.name_zh_hans}"
            quotes.append(
                Quote(
                    article=article,
                    person=person,
                    title_zh_hans=title_zh,
                    title_en=title_en,
                    text_zh_hans=self.paragraph((1, 3)),
                    position=positions[article.pk],
                )
            )
        Quote.objects.bulk_create(quotes, batch_size=BATCH_SIZE)
        self.log(f"{len(quotes)} quotes by {len({q.person_id for q in quotes})} people")

    # Events and reports

    def event_dates(self, event, first_day, last_day):
        """Dates, local times and precision: one day, several days, or a month to be fixed."""
        start = first_day + datetime.timedelta(
            days=self.rng.randint(0, (last_day - first_day).days)
        )
        draw = self.rng.random()
        if draw < 0.05:
            event.date_precision = Event.DatePrecision.MONTH
            event.start_date = start.replace(day=1)
            event.end_date = month_end(start.year, start.month)
            return
        event.start_date = start
        event.end_date = start + datetime.timedelta(
            days=0 if draw < 0.75 else self.rng.randint(1, 3)
        )
        if self.rng.random() < 0.7:
            hour = self.rng.choice([8, 9, 9, 10, 13, 14, 19])
            event.start_time = datetime.time(hour, self.rng.choice([0, 30]))
            end_hour = min(hour + self.rng.randint(1, 8), 22)
            event.end_time = datetime.time(end_hour, self.rng.choice([0, 30]))

    def make_events(self, issues, articles):
        articles_by_month = defaultdict(list)
        for article in articles:
            articles_by_month[article.issue.date.year, article.issue.date.month].append(article)
        first_day = min(issues[0].date.replace(day=1), datetime.date(2019, 1, 1))
        last_day = self.today + datetime.timedelta(days=365)
        events, organiser_links, partnership_links = [], [], []
        for n in range(1, self.size["events"] + 1):
            topic, city = self.rng.choice(TOPICS), self.rng.choice(CITIES)
            kind = self.rng.choice(list(EVENT_KINDS))
            event = Event(
                uid=uuid.UUID(int=self.rng.getrandbits(128), version=4),
                kind=kind,
                timezone=city[3],
                country=city[4],
                city_zh_hans=city[0],
                city_en=city[1],
                venue_zh_hans=f"{city[0]}国际会议中心",
                venue_en=f"{city[1]} International Conference Centre",
                description_zh_hans=self.paragraph((1, 2)),
                status=Status.PUBLISHED,
                version=1,
            )
            self.event_dates(event, first_day, last_day)
            year = event.start_date.year
            kind_zh, kind_en = EVENT_KINDS[kind]
            event.title_zh_hans = f"{year}年“一带一路”{topic[0]}{kind_zh}"
            event.title_en = f"{year} Belt and Road {kind_en} on {topic[1]}"
            event.slug = f"{topic[2]}-{slugify(kind_en)}-{city[2]}-{year}-{n}"
            draw = self.rng.random()
            if draw < 0.04:
                event.state = Event.State.POSTPONED
                event.state_note_zh_hans, event.state_note_en = "新日期另行通知。", "New date TBA."
            elif draw < 0.06:
                event.state = Event.State.CANCELLED
                event.state_note_zh_hans, event.state_note_en = "因故取消。", "Cancelled."
            draw = self.rng.random()
            if draw < 0.25:
                event.attendance = (
                    Event.Attendance.ONLINE if draw < 0.1 else Event.Attendance.HYBRID
                )
                event.online_url = f"https://meeting.example.org/{event.slug}"
            event.starts_at, event.ends_at = event.local_start(), event.local_end()
            event.published_at = self.publication(
                event.start_date, days_before=self.rng.randint(14, 90)
            )
            event.updated_at = event.published_at
            month_articles = articles_by_month.get((year, event.start_date.month))
            if month_articles and event.ends_at < self.now and self.rng.random() < 0.3:
                event.report_article = self.rng.choice(month_articles)
            events.append(event)
        Event.objects.bulk_create(events, batch_size=BATCH_SIZE)
        for event in events:
            for organisation in self.rng.sample(self.organisations, self.rng.randint(0, 3)):
                organiser_links.append((event.pk, organisation.pk))
            for partnership in self.rng.sample(self.partnerships, self.rng.choice([0, 1, 1, 2])):
                partnership_links.append((event.pk, partnership.pk))
        link(Event.organisers, organiser_links)
        link(Event.partnerships, partnership_links)
        zones = len({event.timezone for event in events})
        self.log(f"{len(events)} events in {zones} timezones")

    def make_reports(self, articles, people):
        reports, organisation_links, partnership_links = [], [], []
        first_year = articles[0].issue.date.year
        for n in range(1, self.size["reports"] + 1):
            topic = self.rng.choice(TOPICS)
            kind = self.rng.choice(list(Report.Kind))
            planned = datetime.date(
                self.rng.randint(first_year, self.today.year + 1), self.rng.randint(1, 12), 15
            )
            report = Report(
                slug=f"{topic[2]}-{kind.value}-{planned.year}-{n}",
                kind=kind,
                title_zh_hans=f"“一带一路”{topic[0]}研究报告（{planned.year}）",
                title_en=f"Belt and Road report on {topic[1]} ({planned.year})",
                summary_zh_hans=self.paragraph((2, 4)),
                research_team_zh_hans=f"{self.rng.choice(self.organisations).name_zh_hans}研究团队",
                lead=self.rng.choice(people),
                planned_on=planned,
                status=Status.PUBLISHED,
                announcement=self.rng.choice(articles) if self.rng.random() < 0.5 else None,
                version=1,
            )
            if planned < self.today and self.rng.random() < 0.8:
                report.progress = Report.Progress.PUBLISHED
                report.published_on = planned
            elif planned < self.today:
                report.progress = Report.Progress.IN_PROGRESS
            report.published_at = self.publication(min(planned, self.today), days_before=30)
            reports.append(report)
        Report.objects.bulk_create(reports, batch_size=BATCH_SIZE)
        for report in reports:
            for organisation in self.rng.sample(self.organisations, self.rng.randint(1, 3)):
                organisation_links.append((report.pk, organisation.pk))
            for partnership in self.rng.sample(self.partnerships, self.rng.randint(0, 2)):
                partnership_links.append((report.pk, partnership.pk))
        link(Report.research_organisations, organisation_links)
        link(Report.partnerships, partnership_links)
        self.log(f"{len(reports)} reports")


def search_entry(kind, obj, *, titles, texts, path, visible_from, date=None, partnerships=()):
    """The entry alliance.search.write_entry would save, unsaved, for a bulk insert."""
    text = re.sub(r"\s+", " ", " \n ".join(t for t in texts if t)).strip()
    title_zh_hans, title_en = ((title or "")[:400] for title in titles)
    return SearchEntry(
        kind=kind,
        object_id=obj.pk,
        title_zh_hans=title_zh_hans,
        title_en=title_en,
        text=text,
        bigrams=search.bigrams(text),
        title_bigrams=search.title_bigrams(title_zh_hans, title_en),
        path=path,
        date=date,
        year=date.year if date else None,
        partnerships=" ".join(sorted(partnerships)),
        visible_from=visible_from,
    )


def rebuild_search_index_in_bulk():
    """alliance.search.rebuild_index(), in a few queries instead of several per record.

    Articles, quotes, speakers and events (nearly all the entries) are built here and inserted
    in bulk, with the same fields and text as the site's indexers give them (a test compares the
    two); the few hundred reports, organisations and partnerships go through those indexers.
    """
    SearchEntry.objects.all().delete()
    first_public_quote = dict(
        Quote.objects.published()
        .order_by()
        .values("person")
        .annotate(first=Min("article__issue__published_at"))
        .values_list("person", "first")
    )
    entries = []
    articles = Article.objects.select_related("issue").prefetch_related(
        "partnerships", Prefetch("quotes", queryset=Quote.objects.select_related("person"))
    )
    for article in articles.iterator(chunk_size=BATCH_SIZE):
        partnerships = [partnership.slug for partnership in article.partnerships.all()]
        path = search.zh_path(article)
        visible_from = search.article_visible_from(article)
        date = article.date or article.issue.date
        entries.append(
            search_entry(
                SearchEntry.Kind.ARTICLE,
                article,
                titles=(article.title_zh_hans, article.title_en),
                texts=[
                    *search.both_languages(article, "title", "lead", "body"),
                    *search.both_languages(article, "reprinted_from", "source_detail"),
                ],
                path=path,
                visible_from=visible_from,
                date=date,
                partnerships=partnerships,
            )
        )
        for quote in article.quotes.all():
            person = quote.person
            entries.append(
                search_entry(
                    SearchEntry.Kind.QUOTE,
                    quote,
                    titles=(person.name_zh_hans, person.name_en or ""),
                    texts=[
                        *search.both_languages(quote, "text", "title"),
                        *search.both_languages(person, "name"),
                    ],
                    path=f"{path}#quote-{quote.pk}",
                    visible_from=visible_from,
                    date=date,
                    partnerships=partnerships,
                )
            )
    for person in Person.objects.all():
        entries.append(
            search_entry(
                SearchEntry.Kind.PERSON,
                person,
                titles=(person.name_zh_hans, person.name_en or ""),
                texts=search.both_languages(person, "name", "title", "bio"),
                path=search.zh_path(person),
                visible_from=first_public_quote.get(person.pk),
            )
        )
    for event in Event.objects.prefetch_related("organisers", "partnerships"):
        organisers = [
            name for o in event.organisers.all() for name in search.both_languages(o, "name")
        ]
        country = [str(event.country.name)] if event.country else []
        with translation.override("en"):
            country += [str(event.country.name)] if event.country else []
        entries.append(
            search_entry(
                SearchEntry.Kind.EVENT,
                event,
                titles=(event.title_zh_hans, event.title_en or ""),
                texts=[
                    *search.both_languages(
                        event, "title", "venue", "city", "description", "state_note"
                    ),
                    *country,
                    *organisers,
                ],
                path=search.zh_path(event),
                visible_from=event.published_at if event.status == Status.PUBLISHED else None,
                date=event.start_date,
                partnerships=[p.slug for p in event.partnerships.all()],
            )
        )
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    for report in Report.objects.prefetch_related("research_organisations", "partnerships"):
        search.index_report(report)
    for organisation in Organisation.objects.prefetch_related("convenorships__partnership"):
        search.index_organisation(organisation)
    for partnership in ThematicPartnership.objects.all():
        search.index_partnership(partnership)
    return SearchEntry.objects.count()


class Command(BaseCommand):
    help = (
        "Add a large synthetic archive (by default about twenty years: 240 issues, 10 000 "
        "articles, 25 000 quotes, 2 000 people, 5 000 events, 200 reports, all published) to "
        "the real one, for benchmarks. Load the real archive first with load_content. Never "
        "run it on the real site's database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Fraction of the full size to make, e.g. 0.01 for a quick try (default 1).",
        )
        parser.add_argument(
            "--seed", type=int, default=2019, help="Random seed: the same seed, the same archive."
        )

    def handle(self, *args, scale, seed, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        if Issue.objects.filter(number__gte=FIRST_SYNTHETIC_NUMBER).exists():
            raise CommandError("This database already holds a synthetic archive.")
        self.started = time.monotonic()
        with transaction.atomic():
            counts = ArchiveGenerator(scale=scale, seed=seed, log=self.progress).generate()
            indexed = rebuild_search_index_in_bulk()
            self.progress(f"search index: {indexed} entries")
        if connection.vendor == "postgresql":
            # Fresh statistics, so that the planner sees the tables at their new size at once
            # instead of after autovacuum's next round.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        content_changed()
        summary = ", ".join(f"{number} {kind}" for kind, number in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Generated {summary} in {time.monotonic() - self.started:.0f} s.")
        )

    def progress(self, message):
        self.stdout.write(f"[{time.monotonic() - self.started:6.1f} s] {message}")
