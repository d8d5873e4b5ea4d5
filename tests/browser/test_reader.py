"""A reader on the real 2019 archive, in a real browser: the latest issue on the home page, the
language switcher, an issue, an article and its speaker, the month calendar and search. No
page logs an error or asks any other host for anything."""

import re

import pytest
from playwright.sync_api import expect

from newsletters.models import Article, Issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def latest_issue_and_articles():
    issue = Issue.objects.published().first()
    return issue, list(Article.objects.published().filter(issue=issue).in_order())


def test_the_home_page_shows_the_latest_issue_and_switches_to_english(
    archive, open_window, tmp_path
):
    issue, articles = latest_issue_and_articles()
    window = open_window()
    page = window.page

    page.goto("/")

    # A Chinese browser lands on the Chinese site.
    expect(page).to_have_url(f"{archive.url}/zh-hans/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(issue.title_zh_hans)
    contents = page.get_by_role("region", name=issue.title_zh_hans).locator(".contents")
    expect(contents.get_by_role("heading")).to_contain_text(["联盟动态", "绿色丝路新闻"])
    expect(contents.get_by_role("link")).to_have_text([a.title_zh_hans for a in articles])
    screenshot = page.screenshot(path=tmp_path / "home.png", full_page=True)
    assert screenshot.startswith(PNG_SIGNATURE)
    assert (tmp_path / "home.png").stat().st_size > 10_000

    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()

    expect(page).to_have_url(f"{archive.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(issue.title_en)
    expect(page.get_by_role("navigation", name="Language")).to_contain_text("简体中文")
    window.assert_self_contained()


def test_a_reader_goes_from_the_issue_to_an_article_and_to_its_speaker(archive, open_window):
    issue, articles = latest_issue_and_articles()
    article = next(a for a in articles if a.quotes.exists())
    quote = article.quotes.select_related("person").first()
    window = open_window()
    page = window.page
    page.goto("/zh-hans/")

    page.get_by_role("heading", level=1).get_by_role("link").click()

    expect(page).to_have_url(f"{archive.url}{issue.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(issue.title_zh_hans)

    page.locator(".contents").get_by_role("link", name=article.title_zh_hans, exact=True).click()

    expect(page).to_have_url(f"{archive.url}{article.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title_zh_hans)
    figure = page.locator(f"#quote-{quote.pk}")
    expect(figure.locator("blockquote")).to_contain_text(quote.text_zh_hans[:20])

    figure.get_by_role("link", name=quote.person.name_zh_hans).click()

    expect(page).to_have_url(f"{archive.url}{quote.person.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(quote.person.name_zh_hans)
    expect(page.get_by_role("link", name=article.title_zh_hans).first).to_be_visible()

    # The language switcher keeps the reader on the same page.
    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()

    english_url = quote.person.get_absolute_url().replace("/zh-hans/", "/en/", 1)
    expect(page).to_have_url(f"{archive.url}{english_url}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(quote.person.name_en)
    window.assert_self_contained()


def test_a_reader_browses_the_calendar_month_by_month(archive, open_window):
    window = open_window()
    page = window.page
    page.goto("/zh-hans/events/2019/12/")

    expect(page.get_by_role("heading", level=1)).to_have_text("2019年12月")
    grid = page.locator("table.month-grid")
    # The China–UK green finance conference is on the 12th, in its own cell.
    twelfth = grid.locator("td", has=page.locator("time[datetime='2019-12-12']"))
    expect(twelfth.get_by_role("link")).to_contain_text(["2019年中英绿色金融会议"])

    months = page.get_by_role("navigation", name="月份")
    months.locator("a[rel=next]").click()

    expect(page).to_have_url(f"{archive.url}/zh-hans/events/2020/01/")
    expect(page.get_by_role("heading", level=1)).to_have_text("2020年1月")
    expect(grid.locator("time[datetime='2020-01-31']")).to_have_count(1)

    months.locator("a[rel=prev]").click()

    expect(page).to_have_url(f"{archive.url}/zh-hans/events/2019/12/")
    expect(page.get_by_role("heading", level=1)).to_have_text("2019年12月")
    window.assert_self_contained()


def test_a_reader_searches_for_the_ocean_and_sees_it_highlighted(archive, open_window):
    window = open_window()
    page = window.page
    page.goto("/zh-hans/")

    search = page.get_by_role("search").get_by_role("searchbox", name="搜索")
    search.fill("海洋")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"/zh-hans/search/\?q=%E6%B5%B7%E6%B4%8B$"))
    results = page.locator(".result-list .result")
    expect(results.first).to_be_visible()
    assert results.count() > 5
    highlighted = page.locator(".result-list mark")
    expect(highlighted.first).to_have_text("海洋")
    assert set(highlighted.all_inner_texts()) == {"海洋"}
    window.assert_self_contained()
