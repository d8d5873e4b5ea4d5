from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from alliance import addresses
from alliance.html import SanitisedHTMLField
from alliance.publishing import (
    Publishable,
    PublishableQuerySet,
    Status,
    Versioned,
    published_q,
    workflow_permissions,
    workflow_state,
)
from alliance.uploads import image_description_errors, validate_picture


class Section(models.Model):
    """A recurring section of the journal, such as 联盟动态 (Coalition news)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name


class IssueQuerySet(PublishableQuerySet):
    def years(self):
        return self.dates("date", "year", order="DESC")


class Issue(Publishable):
    """A monthly issue of the e-journal."""

    number = models.PositiveIntegerField(
        _("number"), unique=True, help_text=_("The issue's running number.")
    )
    date = models.DateField(_("date of the issue"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("editor's summary"), blank=True)
    cover_image = models.ImageField(
        _("cover image"), upload_to="issues/", blank=True, validators=[validate_picture]
    )
    cover_image_alt = models.CharField(_("cover image description"), max_length=200, blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-number"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        permissions = workflow_permissions("issue")

    def __str__(self):
        return gettext("No. %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return addresses.reverse("newsletters:issue-detail", number=self.number)

    def clean_fields(self, exclude=None):
        # Here, not in clean(), which cannot tell whether the form has the description: an
        # error on a field the form lacks would be a server error.
        errors = image_description_errors(self, "cover_image", "cover_image_alt", exclude)
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def article_published_q(prefix=""):
    """Published articles of published issues: an article appears with its issue."""
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & published_q(f"{prefix}issue__")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(article_published_q())

    def in_order(self):
        return self.order_by("position", "id")

    def contents_of(self, issue):
        """An issue's table of contents, as a list: its articles in order without their bodies,
        each knowing its issue, so that its address costs no query."""
        articles = list(
            self.filter(issue=issue)
            .select_related("section")
            .defer("body", "body_zh_hans", "body_en")
            .in_order()
        )
        for article in articles:
            article.issue = issue
        return articles


class Article(Versioned):
    """An article in an issue: news, a report-back, an announcement, a perspective."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), related_name="articles", on_delete=models.CASCADE
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), related_name="articles", on_delete=models.PROTECT
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order in the issue's table of contents.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Short English words for the link, unique within the issue; never change it."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "A published article appears when its issue is published; publishing the issue "
            "publishes its articles."
        ),
    )
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    lead = models.TextField(pgettext_lazy("the stand-first of an article", "lead"), blank=True)
    body = SanitisedHTMLField(
        _("body"), blank=True, help_text=_("HTML; anything unsafe is removed when saved.")
    )
    image = models.ImageField(
        _("image"), upload_to="articles/", blank=True, validators=[validate_picture]
    )
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    reprinted_from = models.CharField(
        _("reprinted from"),
        max_length=200,
        blank=True,
        help_text=_("The outlet an article is reprinted from, e.g. 新华网."),
    )
    contributed_by = models.ForeignKey(
        "alliance.Organisation",
        verbose_name=_("contributed by"),
        related_name="contributed_articles",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    contributing_partnership = models.ForeignKey(
        "partnerships.ThematicPartnership",
        verbose_name=_("contributed by partnership"),
        related_name="contributed_articles",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    source_detail = models.CharField(
        _("source detail"),
        max_length=300,
        blank=True,
        help_text=_("What follows the source's name, e.g. an issue number or a link."),
    )
    partnerships = models.ManyToManyField(
        "partnerships.ThematicPartnership",
        verbose_name=_("thematic partnerships"),
        related_name="articles",
        blank=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["issue_id", "position", "id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = workflow_permissions("article")
        constraints = [
            models.UniqueConstraint(fields=["issue", "slug"], name="unique_article_slug_per_issue")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return addresses.reverse(
            "newsletters:article-detail", number=self.issue.number, slug=self.slug
        )

    def clean_fields(self, exclude=None):
        # Here, not in clean(), which cannot tell whether the form has the description: an
        # error on a field the form lacks would be a server error.
        errors = image_description_errors(self, "image", "image_alt", exclude)
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        sources = [self.reprinted_from, self.contributed_by_id, self.contributing_partnership_id]
        if sum(bool(source) for source in sources) > 1:
            raise ValidationError(
                _("An article is either reprinted or contributed, by one source: choose one.")
            )

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED and self.issue.is_published

    @property
    def workflow_state(self):
        """An article's own state, or its issue's schedule once the article is ready."""
        if self.status == Status.PUBLISHED and self.issue.status == Status.PUBLISHED:
            return workflow_state(self.issue.status, self.issue.published_at)
        return self.status

    def source_name(self):
        """Whom the source line credits: the outlet, partnership or organisation, or no one."""
        if self.reprinted_from:
            return self.reprinted_from
        if self.contributing_partnership:
            return gettext("%(name)s Partnership") % {"name": self.contributing_partnership.name}
        if self.contributed_by:
            return self.contributed_by.name
        return ""


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(article_published_q("article__"))


class Quote(models.Model):
    """What a person said, with the title the person held when saying it."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), related_name="quotes", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        "alliance.Person", verbose_name=_("person"), related_name="quotes", on_delete=models.PROTECT
    )
    title = models.CharField(
        _("title held then"),
        max_length=300,
        blank=True,
        help_text=_("The person's title as the article prints it."),
    )
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "position", "id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        return f"{self.person}: {self.text[:40]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#quote-{self.pk}"
