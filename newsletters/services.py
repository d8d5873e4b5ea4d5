"""Workflows across an issue and its articles."""

from django.db import transaction
from django.utils import timezone

from alliance.publishing import Status
from newsletters.models import Issue


@transaction.atomic
def publish_issue(*, issue: Issue, at=None) -> Issue:
    """Publish an issue together with all its articles, now or at a given time."""
    # Articles first: saving the issue afterwards refreshes everything that shows them.
    issue.articles.update(status=Status.PUBLISHED)
    issue.status = Status.PUBLISHED
    issue.published_at = at or issue.published_at or timezone.now()
    issue.save(update_fields=["status", "published_at"])
    return issue
