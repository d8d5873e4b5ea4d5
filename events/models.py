import datetime
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance import addresses
from alliance.publishing import Publishable, PublishableQuerySet, workflow_permissions

TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]
BEIJING_TIMEZONE = "Asia/Shanghai"
# A change to any of these moves the event in a subscriber's calendar: its SEQUENCE goes up.
SCHEDULE_FIELDS = (
    "start_date", "start_time", "end_date", "end_time", "timezone", "state",
    "venue_zh_hans", "venue_en", "city_zh_hans", "city_en", "online_url",
)  # fmt: skip
# Derived or bookkeeping fields, which do not count as a change of the event itself.
UNTRACKED_FIELDS = {"sequence", "updated_at", "starts_at", "ends_at", "version"}


class EventQuerySet(PublishableQuerySet):
    def upcoming(self):
        # Ordered by an expression rather than the starts_at column: PostgreSQL then finds the
        # few events still to come through the ends_at index, instead of walking every past
        # event in starts_at order (its estimate for "the first five" assumes they are spread
        # evenly over the years, when they are all at the end).
        return self.filter(ends_at__gte=timezone.now()).order_by(
            Coalesce("starts_at", "ends_at"), "id"
        )

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-id")

    def in_year(self, year):
        """The events that take place, at least in part, in the year."""
        return self.filter(
            start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1)
        )

    def with_relations(self):
        return self.prefetch_related("organisers", "partnerships")


class Event(Publishable):
    """A meeting, forum or side event, at its venue's local time."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        FORUM = "forum", _("Forum or conference")
        SIDE_EVENT = "side-event", _("Side event")
        WORKSHOP = "workshop", _("Workshop or seminar")
        LAUNCH = "launch", _("Launch")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Exact dates")
        MONTH = "month", _("Month only, date to be confirmed")

    class Attendance(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    uid = models.UUIDField(
        _("calendar identifier"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Identifies the event in subscribers' calendars; it never changes."),
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in links; never change it.")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    start_date = models.DateField(_("start date"), db_index=True)
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Local time; empty for all-day events.")
    )
    end_date = models.DateField(_("end date"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "“Month only” when just the month is known: the event is listed in its month, "
            "not on a day. Give the first and last day of the month as its dates."
        ),
    )
    timezone = models.CharField(
        _("timezone"),
        max_length=64,
        choices=TIMEZONE_CHOICES,
        default="Asia/Shanghai",
        help_text=_("The venue's timezone: times are local to the venue."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    organisers = models.ManyToManyField(
        "alliance.Organisation", verbose_name=_("organisers"), related_name="events", blank=True
    )
    partnerships = models.ManyToManyField(
        "partnerships.ThematicPartnership",
        verbose_name=_("thematic partnerships"),
        related_name="events",
        blank=True,
    )
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where to join an online or hybrid event.")
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.SCHEDULED
    )
    state_note = models.CharField(
        _("note on the state"),
        max_length=300,
        blank=True,
        help_text=_("Shown with a postponed or cancelled event, e.g. “New date to be announced”."),
    )
    announcement = models.ForeignKey(
        "newsletters.Article",
        verbose_name=_("announcement"),
        related_name="announced_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    report_article = models.ForeignKey(
        "newsletters.Article",
        verbose_name=_("report-back article"),
        related_name="reported_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # The instants in UTC, derived from the local fields on save, for ordering and filtering.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Goes up each time the date, time, place or state changes."),
    )
    updated_at = models.DateTimeField(_("last changed"), editable=False, db_index=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = workflow_permissions("event")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(start_time__isnull=False) | models.Q(end_time__isnull=True),
                name="event_all_day_has_no_end_time",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValidationError({"end_date": _("The event cannot end before it starts.")})
            if self.start_time is None and self.end_time is not None:
                raise ValidationError(
                    {
                        "start_time": _(
                            "Give a start time, or clear the end time for an all-day event."
                        )
                    }
                )
            if self.start_time and self.end_time and self.local_end() < self.local_start():
                raise ValidationError({"end_time": _("The event cannot end before it starts.")})
            if self.is_month_only and not self.spans_its_month():
                raise ValidationError(
                    {
                        "date_precision": _(
                            "An event known only by its month runs from the first to the last "
                            "day of that month, with no times."
                        )
                    }
                )

    @classmethod
    def from_db(cls, db, field_names, values):
        event = super().from_db(db, field_names, values)
        event._loaded_values = event.tracked_values()
        return event

    def save(self, *args, **kwargs):
        self.starts_at = self.local_start()
        self.ends_at = self.local_end()
        loaded = getattr(self, "_loaded_values", None)
        current = self.tracked_values()
        if loaded is None or loaded != current or self.updated_at is None:
            self.updated_at = timezone.now()
        if loaded is not None and any(loaded.get(f) != current.get(f) for f in SCHEDULE_FIELDS):
            self.sequence += 1
        super().save(*args, **kwargs)
        self._loaded_values = current

    def get_absolute_url(self):
        return addresses.reverse("events:event-detail", slug=self.slug)

    def tracked_values(self):
        """The event's own field values, to tell whether a save changes anything."""
        deferred = self.get_deferred_fields()
        return {
            field.attname: getattr(self, field.attname)
            for field in self._meta.concrete_fields
            if field.attname not in UNTRACKED_FIELDS and field.attname not in deferred
        }

    def data_warnings(self):
        """Data that is allowed but probably wrong, for the editors' attention."""
        warnings = []
        abroad = self.country and self.country.code not in ("CN", "")
        if not self.is_all_day and abroad and self.timezone == BEIJING_TIMEZONE:
            warnings.append(
                _("The event is timed and abroad (%(country)s) but its timezone is Beijing's.")
                % {"country": self.country.name}
            )
        if self.attendance != self.Attendance.IN_PERSON and not self.online_url:
            warnings.append(_("The event is online or hybrid but has no online link."))
        if self.state != self.State.SCHEDULED and not self.state_note:
            warnings.append(_("A postponed or cancelled event should say why or what next."))
        return warnings

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_all_day(self):
        return self.start_time is None

    @property
    def is_multi_day(self):
        return self.end_date != self.start_date

    @property
    def is_month_only(self):
        return self.date_precision == self.DatePrecision.MONTH

    def spans_its_month(self):
        first = self.start_date.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return (
            self.start_date == first
            and self.end_date == following - datetime.timedelta(days=1)
            and self.start_time is None
        )

    def local_start(self):
        """The start as an aware datetime in the venue's timezone (midnight for all-day events)."""
        return datetime.datetime.combine(
            self.start_date, self.start_time or datetime.time.min, tzinfo=self.zone
        )

    def local_end(self):
        """The end in the venue's timezone; all-day and open-ended events last to the day's end."""
        if self.end_time is None:
            return datetime.datetime.combine(
                self.end_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=self.zone
            )
        return datetime.datetime.combine(self.end_date, self.end_time, tzinfo=self.zone)

    @property
    def is_cancelled(self):
        return self.state == self.State.CANCELLED
