"""The pages the benchmark measures. All are real 2019 pages, there before and after the large
archive is generated, so that their query counts can be compared between the two."""

from urllib.parse import quote

SHORT_QUERY = "海洋"  # two characters: served by the bigram index
LONG_QUERY = "生物多样性保护"  # longer: served by the trigram index

# (name, path)
PAGES = [
    ("home", "/zh-hans/"),
    ("issue", "/zh-hans/issues/6/"),
    ("article", "/zh-hans/issues/6/advisory-committee-meeting-shenzhen/"),
    ("speaker", "/zh-hans/speakers/erik-solheim/"),
    ("partnership", "/zh-hans/partnerships/ocean/"),
    ("calendar month", "/zh-hans/events/2019/12/"),
    ("search, 2 characters", f"/zh-hans/search/?q={quote(SHORT_QUERY)}"),
    ("search, 7 characters", f"/zh-hans/search/?q={quote(LONG_QUERY)}"),
    ("ICS feed, all events", "/zh-hans/events/calendar.ics"),
]
