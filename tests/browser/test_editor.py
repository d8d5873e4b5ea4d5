"""An editor in a real browser: logs in through the admin's form, composes next month's issue
with an article, writes the article's body in the rich-text editor and attributes a quote to a
speaker found by autocomplete, previews the draft on the site, publishes the issue from the
list, and a reader who is not logged in then finds the article."""

import pytest
from playwright.sync_api import expect

from alliance.publishing import Status
from newsletters.models import Article, Issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long editor password"


def log_in(page, username):
    page.goto("/en/admin/")
    # Not logged in, the admin sends the editor to its login form.
    expect(page).to_have_url("/en/admin/login/?next=/en/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/en/admin/")


def test_an_editor_composes_previews_and_publishes_an_issue(
    archive, open_window, django_user_model
):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    editor = open_window()
    page = editor.page
    log_in(page, "editor")

    # A new issue, with one article in the table of contents.
    page.get_by_role("link", name="Issues").first.click()
    page.get_by_role("link", name="Add issue").click()
    page.locator("input[name=number]").fill("7")
    page.locator("input[name=date]").fill("2020-01-31")
    page.locator("input[name=title_zh_hans]").fill("海洋合作专刊")
    page.get_by_role("button", name="Add another Article").click()
    row = page.locator("tr.form-row").filter(has=page.locator("input[name='articles-0-slug']"))
    row.locator("input[name='articles-0-title_zh_hans']").fill("海洋伙伴关系在奥斯陆启动")
    row.locator("select[name='articles-0-section']").select_option(label="Coalition News")
    row.locator("input[name='articles-0-slug']").fill("ocean-partnership-launch")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page).to_have_url("/en/admin/newsletters/issue/")
    expect(page.locator(".messagelist .success")).to_contain_text("海洋合作专刊")
    issue = Issue.objects.get(number=7)
    article = Article.objects.get(issue=issue, slug="ocean-partnership-launch")
    assert issue.status == article.status == Status.DRAFT

    # The article: its body in the rich-text editor, a quote from a speaker found by name.
    page.get_by_role("link", name="海洋合作专刊", exact=True).click()
    slug = page.locator("input[value='ocean-partnership-launch']")
    page.locator("tr.form-row", has=slug).get_by_role("link", name="Change", exact=True).click()
    expect(page).to_have_url(f"/en/admin/newsletters/article/{article.pk}/change/")
    body = page.locator("#tab_id_body_zh_hans .jodit-wysiwyg")
    body.click()
    page.keyboard.type("海洋命运共同体专题伙伴关系在奥斯陆启动。")
    page.get_by_role("button", name="Add another Quote").click()
    quote = page.locator("#quotes-0")
    quote.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Solheim")
    page.get_by_role("option", name="Erik Solheim").click()
    expect(quote.locator(".select2-selection__rendered")).to_have_text("Erik Solheim")
    quote.locator("input[name='quotes-0-title_zh_hans']").fill("联盟咨询委员会主任委员")
    quote.locator("textarea[name='quotes-0-text_zh_hans']").fill("海洋是我们共同的家园。")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.body_zh_hans == "<p>海洋命运共同体专题伙伴关系在奥斯陆启动。</p>"
    assert article.quotes.get().person.slug == "erik-solheim"

    # Staff preview the draft on the site, marked as such.
    page.locator(".object-tools").get_by_role("link", name="View on site").click()

    expect(page).to_have_url(article.get_absolute_url().replace("/zh-hans/", "/en/", 1))
    expect(page.get_by_role("status")).to_contain_text("Preview")
    expect(page.get_by_role("heading", level=1)).to_have_text("海洋伙伴关系在奥斯陆启动")
    expect(page.locator(".article__body")).to_have_text("海洋命运共同体专题伙伴关系在奥斯陆启动。")
    expect(page.locator(".quote figcaption")).to_contain_text("Erik Solheim")

    # Published from the list of issues, with its articles.
    page.goto("/en/admin/newsletters/issue/")
    page.get_by_role("checkbox", name="No. 7: 海洋合作专刊").check()
    page.get_by_label("Action:").select_option(label="Publish now (or at the publication date set)")
    page.get_by_role("button", name="Go").click()

    expect(page.locator(".messagelist .success")).to_contain_text("1 item published")
    issue.refresh_from_db()
    article.refresh_from_db()
    assert issue.status == article.status == Status.PUBLISHED
    # The admin's pages name no icon, so Chromium asks for /favicon.ico, which is not found.
    editor.assert_self_contained(ignore="/favicon.ico")

    # A reader, not logged in, finds it on the site.
    reader = open_window()
    response = reader.page.goto(article.get_absolute_url())

    assert response.status == 200
    expect(reader.page.get_by_role("heading", level=1)).to_have_text("海洋伙伴关系在奥斯陆启动")
    expect(reader.page.locator(".article__body")).to_have_text(
        "海洋命运共同体专题伙伴关系在奥斯陆启动。"
    )
    expect(reader.page.locator(".quote figcaption")).to_contain_text("索尔海姆")
    expect(reader.page.locator(".preview-banner")).to_have_count(0)
    reader.page.goto("/zh-hans/")
    expect(reader.page.get_by_role("heading", level=1)).to_have_text("海洋合作专刊")
    reader.assert_self_contained()
