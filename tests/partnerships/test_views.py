import datetime

import pytest

from partnerships.models import Convenor
from tests.factories import (
    make_article,
    make_convenor,
    make_event,
    make_issue,
    make_organisation,
    make_partnership,
    make_report,
)

pytestmark = pytest.mark.django_db


def test_partnerships_index_lists_them_with_convenors(client):
    ocean = make_partnership(name_zh_hans="海洋命运共同体和海洋环境治理")
    make_convenor(partnership=ocean, organisation=make_organisation(name_zh_hans="美国环保协会"))
    html = client.get("/zh-hans/partnerships/").content.decode()
    assert "海洋命运共同体和海洋环境治理" in html and "美国环保协会" in html


def test_partnership_page_gathers_convenors_articles_events_and_reports(client):
    ocean = make_partnership(slug="ocean", launched_on=datetime.date(2019, 10, 23))
    make_convenor(
        partnership=ocean,
        organisation=make_organisation(name_zh_hans="国家海洋环境监测中心"),
        side=Convenor.Side.CHINESE,
    )
    make_convenor(
        partnership=ocean,
        organisation=make_organisation(name_zh_hans="挪威船级社"),
        side=Convenor.Side.INTERNATIONAL,
    )
    make_article(title_zh_hans="海洋文章").partnerships.add(ocean)
    make_article(title_zh_hans="草稿海洋文章", issue=make_issue(published=False)).partnerships.add(
        ocean
    )
    make_article(title_zh_hans="别的文章")
    make_event(title_zh_hans="海洋会议").partnerships.add(ocean)
    make_event(title_zh_hans="未发布会议", published=False).partnerships.add(ocean)
    make_report(title_zh_hans="海洋报告").partnerships.add(ocean)

    html = client.get("/zh-hans/partnerships/ocean/").content.decode()

    assert "国家海洋环境监测中心" in html and "挪威船级社" in html
    assert "海洋文章" in html and "草稿海洋文章" not in html and "别的文章" not in html
    assert "海洋会议" in html and "未发布会议" not in html
    assert "海洋报告" in html


def test_partnership_page_query_count_does_not_grow(client, django_assert_num_queries):
    ocean = make_partnership(slug="ocean")
    make_convenor(partnership=ocean)
    make_article().partnerships.add(ocean)
    with django_assert_num_queries(7):
        client.get("/zh-hans/partnerships/ocean/")
    for _ in range(24):
        make_convenor(partnership=ocean)
        make_article().partnerships.add(ocean)
        make_event().partnerships.add(ocean)
        make_report().partnerships.add(ocean)
    with django_assert_num_queries(7):
        client.get("/zh-hans/partnerships/ocean/")


def test_a_partnerships_articles_come_twenty_to_a_page(client):
    ocean = make_partnership(slug="ocean")
    for _ in range(21):
        make_article().partnerships.add(ocean)
    first = client.get("/zh-hans/partnerships/ocean/").content.decode()
    articles = first.split('id="articles"')[1].split("</ul>")[0]
    assert articles.count("<li>") == 20
    # The pager takes the reader back to the list, not to the top of the page.
    assert 'rel="next" href="/zh-hans/partnerships/ocean/?page=2#articles"' in first
    second = client.get("/zh-hans/partnerships/ocean/?page=2").content.decode()
    assert second.split('id="articles"')[1].split("</ul>")[0].count("<li>") == 1
    assert 'rel="prev" href="/zh-hans/partnerships/ocean/#articles"' in second
