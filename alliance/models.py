from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from alliance import addresses
from alliance.publishing import Publishable, PublishableQuerySet, workflow_permissions
from alliance.uploads import validate_pdf, validate_small_picture


class Organisation(models.Model):
    """An institution: a ministry, an international body, a think tank, a company."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        INTERGOVERNMENTAL = "intergovernmental", _("International organisation")
        RESEARCH = "research", _("Research institution or university")
        NGO = "ngo", _("Non-governmental organisation")
        BUSINESS = "business", _("Business")
        FINANCE = "finance", _("Financial institution")
        OTHER = "other", _("Other")

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in links; never change it.")
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(_("country"), blank=True, help_text=_("Where it has its seat."))
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="organisations/", blank=True, validators=[validate_small_picture]
    )
    is_partner = models.BooleanField(
        _("coalition partner"), default=False, help_text=_("A partner of the coalition.")
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return addresses.reverse("alliance:organisation-detail", slug=self.slug)


class Person(models.Model):
    """A person the journal quotes: one record whatever title the person held."""

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in links; never change it.")
    )
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(
        _("current title"),
        max_length=300,
        blank=True,
        help_text=_("The title the person holds now. A quote keeps the title held at the time."),
    )
    bio = models.TextField(_("short biography"), blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="people/", blank=True, validators=[validate_small_picture]
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return addresses.reverse("alliance:speaker-detail", slug=self.slug)


class ReportQuerySet(PublishableQuerySet):
    def with_relations(self):
        return self.select_related("lead").prefetch_related(
            "research_organisations", "partnerships"
        )


class Report(Publishable):
    """A research report of the coalition, planned, in progress or published."""

    class Kind(models.TextChoices):
        FLAGSHIP = "flagship", _("Flagship report")
        SPECIAL = "special", _("Special report")
        FOCUS = "focus", _("Focus-issue report")
        CASE_STUDY = "case-study", _("Case study")
        EXTERNAL = "external", _("External report")

    class Progress(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in-progress", _("In progress")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in links; never change it.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    research_team = models.CharField(
        _("research team"), max_length=300, blank=True, help_text=_("As the coalition states it.")
    )
    research_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("research organisations"),
        related_name="reports",
        blank=True,
    )
    lead = models.ForeignKey(
        Person,
        verbose_name=pgettext_lazy("the person leading a report", "lead"),
        related_name="led_reports",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    partnerships = models.ManyToManyField(
        "partnerships.ThematicPartnership",
        verbose_name=_("thematic partnerships"),
        related_name="reports",
        blank=True,
    )
    progress = models.CharField(
        _("progress"), max_length=20, choices=Progress.choices, default=Progress.PLANNED
    )
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    published_on = models.DateField(_("date of publication"), null=True, blank=True)
    pdf = models.FileField(
        _("PDF file"), upload_to="reports/", blank=True, validators=[validate_pdf]
    )
    announcement = models.ForeignKey(
        "newsletters.Article",
        verbose_name=_("announced in"),
        related_name="announced_reports",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-planned_on", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = workflow_permissions("report")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return addresses.reverse("alliance:report-detail", slug=self.slug)


class WorkPlanItem(models.Model):
    """An activity in the coalition's work plan, with its expected outcome and deadline."""

    area = models.CharField(_("area of work"), max_length=200)
    activity = models.TextField(_("activity"))
    outcome = models.TextField(_("expected outcome"), blank=True)
    deadline = models.CharField(
        _("deadline"), max_length=100, blank=True, help_text=_("As printed, e.g. “2019年下半年”.")
    )
    due_on = models.DateField(
        _("due date"), null=True, blank=True, help_text=_("The latest date the deadline allows.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan")

    def __str__(self):
        return self.activity[:80]


class SearchEntry(models.Model):
    """One public page's text, kept for search: a cache rebuilt from the content it names."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Articles")
        QUOTE = "quote", _("Quotes")
        EVENT = "event", _("Events")
        REPORT = "report", _("Reports")
        PERSON = "person", _("Speakers")
        ORGANISATION = "organisation", _("Organisations")
        PARTNERSHIP = "partnership", _("Thematic partnerships")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    title_zh_hans = models.CharField(_("title in Chinese"), max_length=400)
    title_en = models.CharField(_("title in English"), max_length=400, blank=True)
    text = models.TextField(_("searchable text"))
    # The distinct two-character sequences of the text, space-separated: a two-character
    # query such as 海洋 is a lookup of one of them (trigram indexes need three characters).
    bigrams = models.TextField(_("bigrams"))
    # The same for the titles alone: a search lists title matches first, found from this.
    title_bigrams = models.TextField(_("title bigrams"), blank=True)
    path = models.CharField(_("link"), max_length=400)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    partnerships = models.CharField(
        _("thematic partnerships"), max_length=1000, blank=True, help_text=_("Slugs, spaced.")
    )
    visible_from = models.DateTimeField(
        _("public from"), null=True, blank=True, help_text=_("Empty while not public.")
    )

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title_zh_hans}"


class StatusChange(models.Model):
    """A step in the editorial workflow: who moved what from which state to which, and when."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    subject = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(_("from"), max_length=16)
    to_status = models.CharField(_("to"), max_length=16)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="status_changes",
        on_delete=models.SET_NULL,
        null=True,
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.subject}: {self.from_status} → {self.to_status}"
