"""The editorial roles and workflow, each role against each action, through the admin."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliance.models import StatusChange
from alliance.preview import preview_token
from alliance.publishing import Status
from events.models import Event
from newsletters.models import Article, Issue
from tests.admin_forms import admin_form_data
from tests.factories import make_article, make_event, make_issue, make_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def user_in(django_user_model):
    def make(role, *, partnerships=()):
        user = django_user_model.objects.create_user(
            role.lower().replace(" ", "-"), password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        user.contributor_partnerships.set(partnerships)
        client = Client()
        client.force_login(user)
        return user, client

    return make


def act(client, model_admin_url, action, *objects):
    return client.post(
        reverse(model_admin_url), {"action": action, "_selected_action": [o.pk for o in objects]}
    )


def test_the_roles_exist_as_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editor", "Translator", "Managing editor", "Partner contributor"} <= names
    managing = Group.objects.get(name="Managing editor").permissions
    assert managing.filter(codename="publish_issue").exists()
    assert (
        not Group.objects.get(name="Editor").permissions.filter(codename="publish_issue").exists()
    )


def test_an_editor_drafts_and_sends_to_review_but_cannot_publish(user_in):
    editor, client = user_in("Editor")
    assert client.get(reverse("admin:newsletters_issue_add")).status_code == 200
    issue = make_issue(published=False)

    act(client, "admin:newsletters_issue_changelist", "publish_now", issue)
    issue.refresh_from_db()
    assert issue.status == Status.DRAFT

    act(client, "admin:newsletters_issue_changelist", "submit_for_review", issue)
    issue.refresh_from_db()
    assert issue.status == Status.REVIEW
    change = StatusChange.objects.get()
    assert (change.user, change.from_status, change.to_status) == (editor, "draft", "review")


def test_an_editor_cannot_set_the_status_through_the_form(user_in):
    _editor, client = user_in("Editor")
    issue = make_issue(published=False)
    url = reverse("admin:newsletters_issue_change", args=[issue.pk])
    data = admin_form_data(client.get(url))
    assert "status" not in data  # shown, but not a field the editor can send
    data.update(status=Status.PUBLISHED, title_zh_hans="改过的标题")
    assert client.post(url, data).status_code == 302
    issue.refresh_from_db()
    assert issue.title_zh_hans == "改过的标题" and issue.status == Status.DRAFT


def test_an_editor_cannot_delete(user_in):
    _editor, client = user_in("Editor")
    issue = make_issue()
    response = client.get(reverse("admin:newsletters_issue_delete", args=[issue.pk]))
    assert response.status_code == 403


def test_a_translator_edits_only_the_english_text(user_in):
    _translator, client = user_in("Translator")
    article = make_article(title_zh_hans="原标题", title_en="")
    assert client.get(reverse("admin:newsletters_article_add")).status_code == 403

    url = reverse("admin:newsletters_article_change", args=[article.pk])
    data = admin_form_data(client.get(url))
    assert "title_en" in data and "title_zh_hans" not in data and "status" not in data
    data.update(title_en="The translated title", title_zh_hans="篡改", status=Status.DRAFT)
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.title_en == "The translated title"
    assert article.title_zh_hans == "原标题" and article.status == Status.PUBLISHED


def test_a_managing_editor_schedules_an_issue_and_it_appears_on_its_own(user_in):
    _managing, client = user_in("Managing editor")
    issue = make_issue(published=False)
    article = make_article(issue=issue, published=False)
    first_of_the_month = timezone.now() + datetime.timedelta(days=3)
    issue.published_at = first_of_the_month
    issue.save()

    act(client, "admin:newsletters_issue_changelist", "publish_now", issue)

    issue.refresh_from_db()
    assert issue.workflow_state == "scheduled"
    assert Client().get(article.get_absolute_url()).status_code == 404
    change = StatusChange.objects.get(to_status="published")
    assert change.scheduled_for == first_of_the_month

    # The moment comes: no job runs, the published() queryset simply lets it through.
    Issue.objects.filter(pk=issue.pk).update(published_at=timezone.now())
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_a_managing_editor_publishes_and_unpublishes(user_in):
    _managing, client = user_in("Managing editor")
    issue = make_issue(published=False)
    article = make_article(issue=issue, published=False)
    act(client, "admin:newsletters_issue_changelist", "publish_now", issue)
    assert Client().get(article.get_absolute_url()).status_code == 200
    act(client, "admin:newsletters_issue_changelist", "return_to_draft", issue)
    assert Client().get(article.get_absolute_url()).status_code == 404
    assert client.get(reverse("admin:newsletters_issue_delete", args=[issue.pk])).status_code == 200


def test_an_editor_may_not_unpublish(user_in):
    _editor, client = user_in("Editor")
    issue = make_issue()
    act(client, "admin:newsletters_issue_changelist", "return_to_draft", issue)
    issue.refresh_from_db()
    assert issue.status == Status.PUBLISHED


def test_a_partner_submits_events_for_its_own_partnership_only(user_in):
    ocean, finance = make_partnership(slug="ocean"), make_partnership(slug="finance")
    _partner, client = user_in("Partner contributor", partnerships=[ocean])
    theirs = make_event(title_zh_hans="海洋会议", published=False)
    theirs.partnerships.add(ocean)
    other = make_event(title_zh_hans="金融会议")
    other.partnerships.add(finance)

    listing = client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "海洋会议" in listing and "金融会议" not in listing
    assert client.get(reverse("admin:events_event_change", args=[other.pk])).status_code == 302

    url = reverse("admin:events_event_add")
    data = admin_form_data(client.get(url))
    data.update(
        title_zh_hans="海洋边会",
        slug="ocean-side-event",
        start_date="2030-06-08",
        end_date="2030-06-08",
        timezone="Europe/Oslo",
        partnerships=[str(finance.pk)],
    )
    refused = client.post(url, data)
    assert refused.status_code == 200 and "partnerships" in refused.context["adminform"].form.errors

    data["partnerships"] = [str(ocean.pk)]
    assert client.post(url, data).status_code == 302
    submitted = Event.objects.get(slug="ocean-side-event")
    assert submitted.status == Status.DRAFT and not submitted.is_published

    act(client, "admin:events_event_changelist", "publish_now", submitted)
    submitted.refresh_from_db()
    assert submitted.status == Status.DRAFT  # an editor must approve it


def test_a_partner_contributes_articles_only_to_issues_in_preparation(user_in):
    ocean = make_partnership(slug="ocean")
    _partner, client = user_in("Partner contributor", partnerships=[ocean])
    make_issue(title_zh_hans="已出版的一期")
    make_issue(title_zh_hans="筹备中的一期", published=False)
    html = client.get(reverse("admin:newsletters_article_add")).content.decode()
    assert "筹备中的一期" in html and "已出版的一期" not in html


def test_a_signed_preview_link_shows_a_draft_to_an_outside_reviewer(client):
    article = make_article(issue=make_issue(published=False), published=False)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404

    token = preview_token(article)
    response = client.get(url, {"preview": token})
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"

    assert client.get(url, {"preview": token + "x"}).status_code == 404
    other = make_article(issue=article.issue, published=False)
    assert client.get(other.get_absolute_url(), {"preview": token}).status_code == 404


def test_a_preview_link_expires(client, monkeypatch):
    import time

    article = make_article(issue=make_issue(published=False), published=False)
    token = preview_token(article)
    later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.get(article.get_absolute_url(), {"preview": token}).status_code == 404


def test_the_change_page_offers_the_preview_link_and_the_history(staff_client):
    issue = make_issue(published=False)
    html = staff_client.get(reverse("admin:newsletters_issue_change", args=[issue.pk])).content
    assert b"?preview=" in html


def test_a_second_editor_cannot_silently_overwrite_the_first(staff_client, django_user_model):
    article = make_article(body_zh_hans="<p>原文</p>")
    url = reverse("admin:newsletters_article_change", args=[article.pk])
    first = admin_form_data(staff_client.get(url))
    second_client = Client()
    second_client.force_login(django_user_model.objects.create_superuser("second", "", "pw"))
    second = admin_form_data(second_client.get(url))

    second["body_zh_hans"] = "<p>第二位编辑的修改</p>"
    assert second_client.post(url, second).status_code == 302

    first["body_zh_hans"] = "<p>第一位编辑的修改</p>"
    refused = staff_client.post(url, first)
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors().as_data()
    assert [error.code for error in errors] == ["stale"]
    assert "第一位编辑的修改" in refused.content.decode()  # their text is kept for them
    article.refresh_from_db()
    assert article.body_zh_hans == "<p>第二位编辑的修改</p>"

    # Knowing of the other change now, saving again is deliberate.
    again = admin_form_data(refused)
    assert staff_client.post(url, again).status_code == 302
    article.refresh_from_db()
    assert article.body_zh_hans == "<p>第一位编辑的修改</p>"


def test_every_save_is_kept_and_a_mistaken_edit_can_be_restored(staff_client):
    article = make_article(body_zh_hans="<p>正确的正文</p>")
    url = reverse("admin:newsletters_article_change", args=[article.pk])
    for body in ("<p>正确的正文</p>", "<p>错误的修改</p>"):
        data = admin_form_data(staff_client.get(url))
        data["body_zh_hans"] = body
        assert staff_client.post(url, data).status_code == 302

    from reversion.models import Version

    versions = list(Version.objects.get_for_object(article))
    assert len(versions) == 2
    history = staff_client.get(reverse("admin:newsletters_article_history", args=[article.pk]))
    assert history.status_code == 200
    compare = staff_client.get(
        reverse("admin:newsletters_article_history", args=[article.pk]) + "compare/",
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    )
    assert compare.status_code == 200 and "错误的修改" in compare.content.decode()

    good = versions[1]  # newest first
    revision_url = reverse("admin:newsletters_article_revision", args=[article.pk, good.pk])
    data = admin_form_data(staff_client.get(revision_url))
    assert staff_client.post(revision_url, data).status_code == 302
    article.refresh_from_db()
    assert article.body_zh_hans == "<p>正确的正文</p>"


def test_translators_get_a_list_of_what_lacks_english(user_in):
    _translator, client = user_in("Translator")
    make_article(title_zh_hans="待翻译的文章", title_en="")
    make_article(title_zh_hans="已翻译的文章", title_en="Done", body_en="<p>Done</p>")
    html = client.get(reverse("translations-to-do")).content.decode()
    assert "待翻译的文章" in html and "已翻译的文章" not in html


def test_the_issue_list_shows_how_much_of_each_issue_is_in_english(staff_client):
    issue = make_issue()
    make_article(issue=issue, title_en="Done", body_en="<p>Done</p>")
    make_article(issue=issue, title_en="")
    html = staff_client.get(reverse("admin:newsletters_issue_changelist")).content.decode()
    assert "1/2" in html


def test_article_workflow_state_follows_its_issue():
    article = make_article(issue=make_issue(published_at=timezone.now() + datetime.timedelta(1)))
    assert article.workflow_state == "scheduled"
    assert Article.objects.published().count() == 0
