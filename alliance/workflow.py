"""The editorial workflow: draft → in review → scheduled or published, with who and when."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.models import StatusChange
from alliance.publishing import Status


def can_publish(user, obj):
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def can_change(user, obj):
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def record(obj, *, from_status, user, scheduled_for=None, note=""):
    return StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        from_status=from_status,
        to_status=obj.status,
        user=user if user and user.is_authenticated else None,
        scheduled_for=scheduled_for,
        note=note,
    )


def history(obj):
    return StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("user")


@transaction.atomic
def submit_for_review(*, obj, user):
    """An editor's draft goes to the managing editor."""
    if not can_change(user, obj):
        raise PermissionDenied(_("You may not change this."))
    if obj.status != Status.DRAFT:
        return obj
    obj.status = Status.REVIEW
    obj.save()
    record(obj, from_status=Status.DRAFT, user=user)
    return obj


@transaction.atomic
def return_to_draft(*, obj, user, note=""):
    """Back to its editors, from review, or off the site if it was published."""
    was = obj.status
    if was == Status.PUBLISHED and not can_publish(user, obj):
        raise PermissionDenied(_("Only a managing editor may unpublish."))
    if not can_change(user, obj):
        raise PermissionDenied(_("You may not change this."))
    if was == Status.DRAFT:
        return obj
    obj.status = Status.DRAFT
    obj.save()
    record(obj, from_status=was, user=user, note=note)
    return obj


@transaction.atomic
def publish(*, obj, user, at: datetime.datetime | None = None):
    """Publish now, or schedule for `at`: it then appears on its own at that moment.

    An issue publishes together with its articles.
    """
    if not can_publish(user, obj):
        raise PermissionDenied(_("Only a managing editor may publish or schedule."))
    from newsletters.models import Issue
    from newsletters.services import publish_issue

    was = obj.status
    moment = at or timezone.now()
    if isinstance(obj, Issue):
        publish_issue(issue=obj, at=moment)
    else:
        obj.status = Status.PUBLISHED
        if hasattr(obj, "published_at"):
            obj.published_at = moment
        obj.save()
    record(
        obj, from_status=was, user=user, scheduled_for=moment if moment > timezone.now() else None
    )
    return obj
