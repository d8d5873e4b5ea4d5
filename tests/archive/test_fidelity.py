"""The 2019 archive in content/ is faithful to the text of the printed issues."""

import re
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from django.conf import settings

CONTENT = Path(settings.CONTENT_DIR)
SOURCE = CONTENT / "sources" / "green-bri-observer-2019.txt"
SENTENCE_END = re.compile(r"(?<=[。！？；])")


def squeeze(text):
    return re.sub(r"\s+", "", str(text))


def chinese(value):
    return value.get("zh_hans", "") if isinstance(value, dict) else (value or "")


def load(path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


ISSUE_FILES = sorted((CONTENT / "issues").glob("*.yaml"))
ISSUES = {path.name: load(path) for path in ISSUE_FILES}
COALITION = load(CONTENT / "coalition.yaml")
CALENDAR = load(CONTENT / "calendar.yaml")
SOURCE_TEXT = squeeze(SOURCE.read_text(encoding="utf-8"))


def sentences(text):
    for sentence in SENTENCE_END.split(str(text)):
        sentence = squeeze(sentence.removeprefix("## "))
        if len(sentence) > 1:
            yield sentence


def article_texts(article):
    yield "body", article.get("body") or []
    yield "lead", [chinese(article.get("lead"))]
    for number, quote in enumerate(article.get("quotes") or [], start=1):
        yield f"quote {number}", [chinese(quote["text"])]


def test_there_are_six_issues_numbered_one_to_six():
    assert sorted(data["issue"]["number"] for data in ISSUES.values()) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("name", ISSUES)
def test_every_chinese_sentence_is_in_the_source(name):
    missing = []
    for article in ISSUES[name]["articles"]:
        excepted = {squeeze(item["text"]) for item in article.get("not_in_source") or []}
        for item in article.get("not_in_source") or []:
            assert item.get("reason"), f"{article['slug']}: an exception needs a reason"
        for where, paragraphs in article_texts(article):
            for paragraph in paragraphs:
                for sentence in sentences(paragraph):
                    if sentence not in SOURCE_TEXT and sentence not in excepted:
                        missing.append(f"{article['slug']} {where}: {sentence}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("name", ISSUES)
def test_every_title_in_the_table_of_contents_is_an_article_of_the_issue(name):
    articles = ISSUES[name]["articles"]
    titles = {squeeze(chinese(article["title"])) for article in articles}
    slugs = {article["slug"] for article in articles}
    missing = []
    for group in ISSUES[name]["issue"].get("contents") or []:
        for entry in group["titles"]:
            if isinstance(entry, dict):
                # One printed entry that the issue prints as several articles.
                missing += [slug for slug in entry["articles"] if slug not in slugs]
            elif squeeze(entry) not in titles:
                missing.append(entry)
    assert not missing


@pytest.mark.parametrize("name", ISSUES)
def test_no_article_is_empty(name):
    for article in ISSUES[name]["articles"]:
        assert chinese(article["title"]).strip(), article["slug"]
        assert any(str(p).strip() for p in article.get("body") or []) or article.get("quotes"), (
            article["slug"]
        )


def test_every_issue_article_and_event_has_an_english_title():
    untitled = [
        article["slug"]
        for data in ISSUES.values()
        for article in data["articles"]
        if not (isinstance(article["title"], dict) and article["title"].get("en"))
    ]
    untitled += [e["slug"] for e in CALENDAR["events"] if not e["title"].get("en")]
    untitled += [d["issue"]["number"] for d in ISSUES.values() if not d["issue"]["title"].get("en")]
    assert not untitled


def test_every_section_partnership_and_organisation_has_an_english_name():
    for kind in ("sections", "partnerships", "organisations"):
        assert all(item["name"].get("en") for item in COALITION[kind]), kind


def person_names(person):
    names = {squeeze(chinese(person["name"]))} | {squeeze(a) for a in person.get("aliases") or []}
    return {name.replace("•", "·") for name in names}


def surnames(names):
    return {name.split("·")[-1] for name in names if "·" in name}


def test_no_two_people_are_the_same_person():
    people = COALITION["people"]
    slugs = [person["slug"] for person in people]
    assert len(slugs) == len(set(slugs))
    english = [person["name"].get("en") for person in people if person["name"].get("en")]
    assert len(english) == len(set(english)), "two records share an English name"
    for one, other in combinations(people, 2):
        ones, others = person_names(one), person_names(other)
        assert not ones & others, (one["slug"], other["slug"])
        # "索尔海姆" beside "埃里克·索尔海姆" is one person printed two ways.
        assert not ones & surnames(others) and not others & surnames(ones), (
            one["slug"],
            other["slug"],
        )


def test_every_event_ends_after_it_starts():
    for event in CALENDAR["events"]:
        start, end = str(event["start"]), str(event.get("end") or event["start"])
        assert end >= start, event["slug"]
