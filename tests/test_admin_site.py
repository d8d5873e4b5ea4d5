import re
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import make_article, make_event, make_quote, make_report

pytestmark = pytest.mark.django_db


def test_every_changelist_change_and_add_page_answers_for_staff(staff_client):
    make_quote(article=make_article())
    make_event()
    make_report()
    for model in admin.site._registry:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert staff_client.get(changelist).status_code == 200, changelist
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert staff_client.get(add).status_code == 200, add
        obj = model.objects.first()
        if obj is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert staff_client.get(change).status_code == 200, change


def test_missing_english_filter_answers_on_every_admin_that_has_it(staff_client):
    for model, model_admin in admin.site._registry.items():
        if not getattr(model_admin, "translated_fields", None):
            continue
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        for value in ("missing", "complete"):
            assert staff_client.get(url, {"english": value}).status_code == 200, url


def test_the_admin_speaks_the_editors_language(staff_client):
    chinese = staff_client.get("/zh-hans/admin/").content.decode()
    english = staff_client.get("/en/admin/").content.decode()
    assert "编辑工作台" in chinese and "期刊" in chinese  # our labels and the models'
    assert "注销" in chinese or "登出" in chinese  # Django's own catalogue
    assert "Editorial desk" in english and "Issues" in english


def test_the_public_cannot_enter_the_admin(client):
    response = client.get("/zh-hans/admin/newsletters/issue/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_pages_load_every_script_and_stylesheet_from_the_site(staff_client):
    make_article()
    for url in (
        reverse("admin:newsletters_issue_add"),
        reverse("admin:newsletters_article_add"),
        reverse("admin:events_event_add"),
        reverse("admin:index"),
    ):
        html = staff_client.get(url).content.decode()
        assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
        assert assets, url
        external = [a for a in assets if not a.startswith("/") or a.startswith("//")]
        assert not external, (url, external)
        if url != reverse("admin:index"):
            # The translation tabs' jQuery UI, served by the site.
            assert "/static/vendor/jquery-ui/jquery-ui.min.js" in assets, url


def test_public_pages_load_nothing_from_other_hosts(client):
    article = make_article()
    for url in ("/zh-hans/", article.get_absolute_url(), "/en/events/2019/12/"):
        html = client.get(url).content.decode()
        assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
        # Canonical and language links name the site's own pages by absolute address.
        external = [a for a in assets if urlsplit(a).netloc not in ("", "testserver")]
        assert not external, (url, external)
