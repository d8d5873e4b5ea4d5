"""What the public may see: the publication status of issues, articles, events and reports."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Draft → in review → published; a publication date in the future makes it scheduled."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def workflow_state(status, published_at):
    """What an editor calls the state: draft, in review, scheduled or published."""
    if status == Status.PUBLISHED and published_at and published_at > timezone.now():
        return "scheduled"
    return status


def workflow_permissions(model_name):
    """The workflow's own permission: to schedule, publish and unpublish (the others are
    Django's: add, change, delete, view)."""
    return [(f"publish_{model_name}", _("Can schedule, publish and unpublish"))]


def published_q(prefix=""):
    """The condition for "published and due": a future publication time keeps an item hidden."""
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()})


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_q())


class Versioned(models.Model):
    """A record editors work on together: its version tells a stale form from a fresh one."""

    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_("Goes up with every save, so that two editors cannot overwrite each other."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version += 1
        super().save(*args, **kwargs)


class Publishable(Versioned):
    """A record that editors draft and then publish, now or at a set time."""

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When the public may see it. Leave empty to publish now; a future date schedules it."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def workflow_state(self):
        return workflow_state(self.status, self.published_at)

    @property
    def is_published(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
