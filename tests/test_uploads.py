"""Uploads: only real images and PDFs within their limits are kept, every image shown has a
description, and pages send renditions of the size they show, never the original."""

import io
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter

from alliance.models import Report
from alliance.uploads import validate_pdf, validate_picture, validate_small_picture
from newsletters.models import Article, Issue
from tests.admin_forms import admin_form_data
from tests.factories import (
    make_article,
    make_issue,
    make_organisation,
    make_person,
    make_quote,
    make_report,
)

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test keeps its uploads and renditions in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture_bytes(image_format, size=(800, 600)):
    """A real image with detail in it, as a camera or a designer would make it."""
    image = Image.effect_mandelbrot(size, (-2.2, -1.2, 1.0, 1.2), 60).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width, height):
    """A well-formed PNG whose header claims width × height grey pixels, with a few bytes of pixel
    data: what a decompression bomb shows a validator."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + png_chunk(b"IEND", b"")
    )


def pdf_bytes(*, pages=1, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def truncated(content):
    return content[: len(content) // 2]


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect/></svg>'
# Refused images, each with the code of its error and what the message tells the editor.
BAD_IMAGES = {
    "text renamed .jpg": ("notes.jpg", b"Minutes of the meeting", "image_format", "JPEG, PNG"),
    "SVG": ("logo.svg", SVG, "image_format", "JPEG, PNG, WebP or GIF"),
    "truncated JPEG": (
        "cut.jpg",
        truncated(picture_bytes("JPEG")),
        "image_damaged",
        "damaged or incomplete",
    ),
    "decompression bomb": (
        "bomb.png",
        png_claiming(100_000, 100_000),
        "image_too_many_pixels",
        "more than 40 megapixels",
    ),
    "48 megapixels": (
        "huge.png",
        png_claiming(8000, 6000),
        "image_too_many_pixels",
        "more than 40 megapixels",
    ),
    "too small": (
        "icon.png",
        picture_bytes("PNG", (320, 150)),
        "image_too_small",
        "320 × 150 pixels; it must be at least 200 pixels",
    ),
    "11 MB": (
        "heavy.jpg",
        picture_bytes("JPEG") + bytes(11 * MEGABYTE),
        "file_too_large",
        "at most 10.0\xa0MB",
    ),
}

UNOPENABLE_IMAGES = {"text renamed .jpg", "SVG", "decompression bomb"}


@pytest.fixture(autouse=True)
def in_english():
    """The messages are checked in English, the language they are written in."""
    with translation.override("en"):
        yield


def refusal(validator, name, content):
    with pytest.raises(ValidationError) as caught:
        validator(SimpleUploadedFile(name, content))
    return caught.value


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_real_images_in_the_allowed_formats_are_accepted(image_format):
    validate_picture(SimpleUploadedFile("picture.img", picture_bytes(image_format)))


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_images_are_refused_for_what_they_are_not_what_they_are_named(case):
    name, content, code, explanation = BAD_IMAGES[case]
    error = refusal(validate_picture, name, content)
    assert error.code == code
    assert explanation in error.messages[0]


def test_the_pixel_limit_is_checked_before_anything_decodes_the_image():
    """The 48-megapixel PNG has almost no pixel data: decoding it would call it damaged."""
    assert refusal(validate_picture, "huge.png", png_claiming(8000, 6000)).code == (
        "image_too_many_pixels"
    )
    assert refusal(validate_picture, "small.png", png_claiming(600, 400)).code == "image_damaged"


def test_logos_and_portraits_may_be_small_but_not_tiny():
    validate_small_picture(SimpleUploadedFile("logo.png", picture_bytes("PNG", (120, 64))))
    error = refusal(validate_small_picture, "logo.png", picture_bytes("PNG", (120, 40)))
    assert error.code == "image_too_small"
    assert "at least 64 pixels" in error.messages[0]


def test_a_real_pdf_is_accepted():
    validate_pdf(SimpleUploadedFile("report.pdf", pdf_bytes(pages=3)))


@pytest.mark.parametrize(
    ("name", "content", "code", "explanation"),
    [
        ("report.pdf", picture_bytes("PNG"), "pdf_format", "not a PDF"),
        ("report.pdf", b"%PDF-1.7\nThis is not a PDF document.", "pdf_damaged", "damaged"),
        ("report.pdf", truncated(pdf_bytes(pages=3)), "pdf_damaged", "damaged"),
        ("report.pdf", pdf_bytes(password="secret"), "pdf_encrypted", "without a password"),
        ("report.pdf", pdf_bytes(pages=0), "pdf_empty", "no pages"),
        ("report.pdf", b"%PDF-" + bytes(51 * MEGABYTE), "file_too_large", "at most 50.0\xa0MB"),
    ],
    ids=["image renamed .pdf", "fake", "truncated", "encrypted", "no pages", "51 MB"],
)
def test_pdfs_that_not_every_reader_can_open_are_refused(name, content, code, explanation):
    error = refusal(validate_pdf, name, content)
    assert error.code == code
    assert explanation in error.messages[0]


def test_a_stored_file_is_not_checked_again():
    """Files kept before a rule existed, or gone from storage, never block editing a record."""
    article = make_article(image_alt_zh_hans="海港")
    article.image.save("old.png", ContentFile(picture_bytes("PNG", (120, 63))))
    article.full_clean()

    article.image.storage.delete(article.image.name)
    article.full_clean()


def stored_image(name="picture.jpg", size=(800, 600)):
    return ContentFile(picture_bytes("JPEG", size), name=name)


@pytest.mark.parametrize(
    ("model", "image_field", "description_field"),
    [(Issue, "cover_image", "cover_image_alt"), (Article, "image", "image_alt")],
)
def test_an_image_needs_a_chinese_description(model, image_field, description_field):
    record = make_issue() if model is Issue else make_article()
    record.full_clean()  # no image, no description needed

    setattr(record, image_field, stored_image())
    setattr(record, f"{description_field}_en", "The harbour at dawn")
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    assert list(caught.value.error_dict) == [f"{description_field}_zh_hans"]

    setattr(record, f"{description_field}_zh_hans", "清晨的港口")
    record.full_clean()


# Through the admin, as an editor uploads.


def post_change_form(client, url, **changes):
    data = admin_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def form_errors(response):
    assert response.status_code == 200, "the form should have been shown again with its errors"
    return response.context["adminform"].form.errors


def stored_files(folder):
    return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_a_bad_image_uploaded_in_the_admin_is_a_form_error(staff_client, case):
    name, content, code, _explanation = BAD_IMAGES[case]
    article = make_article(title_zh_hans="原标题")
    url = reverse("admin:newsletters_article_change", args=[article.pk])

    response = post_change_form(
        staff_client,
        url,
        title_zh_hans="新标题",
        image=SimpleUploadedFile(name, content),
        image_alt_zh_hans="图片",
    )

    (error,) = form_errors(response).as_data()["image"]
    # Django's image field refuses first what Pillow cannot open at all.
    assert error.code == ("invalid_image" if case in UNOPENABLE_IMAGES else code)
    article.refresh_from_db()
    assert not article.image and article.title_zh_hans == "原标题"
    assert stored_files("articles") == []


def picture_on(page):
    """The sources and image of the page's <picture> element, as attribute dicts."""

    class PictureReader(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside = False
            self.found = {}

        def handle_starttag(self, tag, attrs):
            if tag == "picture":
                self.inside = True
            elif self.inside and tag in ("source", "img"):
                self.found[tag] = dict(attrs)

        def handle_endtag(self, tag):
            if tag == "picture":
                self.inside = False

    reader = PictureReader()
    reader.feed(page)
    return reader.found


def media_file(url):
    assert url.startswith(settings.MEDIA_URL), url
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def test_an_editor_uploads_a_photo_with_its_description_and_readers_get_renditions(
    staff_client, client
):
    article = make_article()
    url = reverse("admin:newsletters_article_change", args=[article.pk])
    photo = picture_bytes("JPEG", (3000, 2000))

    response = post_change_form(
        staff_client, url, image=SimpleUploadedFile("harbour.jpg", photo), image_alt_zh_hans=""
    )
    assert "image_alt_zh_hans" in form_errors(response)
    assert stored_files("articles") == []

    response = post_change_form(
        staff_client,
        url,
        image=SimpleUploadedFile("harbour.jpg", photo),
        image_alt_zh_hans="清晨的港口",
    )
    assert response.status_code == 302
    article.refresh_from_db()
    original = article.image

    page = client.get(article.get_absolute_url()).content.decode()
    picture = picture_on(page)
    source, img = picture["source"], picture["img"]
    assert original.url not in page
    assert source["type"] == "image/webp"
    assert (img["width"], img["height"], img["alt"]) == ("960", "640", "清晨的港口")
    for url, image_format in ((source["srcset"], "WEBP"), (img["src"], "JPEG")):
        assert url.startswith(f"{settings.MEDIA_URL}renditions/articles/"), url
        with Image.open(media_file(url)) as served:
            assert (served.format, served.size) == (image_format, (960, 640))
        assert media_file(url).stat().st_size < original.size / 4


def test_link_previews_get_the_og_rendition(client):
    article = make_article()
    article.image.save("harbour.jpg", stored_image(size=(3000, 2000)))
    page = client.get(article.get_absolute_url()).content.decode()

    shared = re.search(r'<meta property="og:image" content="http://testserver([^"]+)">', page)[1]
    assert shared != article.image.url
    with Image.open(media_file(shared)) as preview:
        assert (preview.format, preview.size) == ("JPEG", (1200, 630))
    assert f'"image": "http://testserver{shared}"' in page  # and the JSON-LD


def test_a_png_logo_stays_lossless_and_fits_its_box(client):
    organisation = make_organisation(name_zh_hans="世界资源研究所", name_en="")
    organisation.logo.save("wri.png", ContentFile(picture_bytes("PNG", (1200, 400))))

    page = client.get(organisation.get_absolute_url()).content.decode()

    picture = picture_on(page)
    assert picture["img"]["alt"] == "世界资源研究所"
    with Image.open(media_file(picture["img"]["src"])) as logo:
        assert (logo.format, logo.size) == ("PNG", (160, 53))
    with Image.open(media_file(picture["source"]["srcset"])) as logo:
        assert logo.format == "WEBP"


def test_a_speaker_photo_is_a_square(client):
    speaker = make_person(name_zh_hans="索尔海姆", name_en="")
    make_quote(person=speaker)
    speaker.photo.save("solheim.jpg", stored_image(size=(1600, 2400)))

    picture = picture_on(client.get(speaker.get_absolute_url()).content.decode())

    assert (picture["img"]["width"], picture["img"]["height"]) == ("240", "240")
    assert picture["img"]["alt"] == "索尔海姆"


def test_a_page_whose_image_is_gone_from_storage_still_answers(client):
    article = make_article()
    article.image.save("harbour.jpg", stored_image())
    default_storage.delete(article.image.name)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "<picture" not in page and 'property="og:image"' not in page


def test_an_issue_with_an_undescribed_legacy_image_in_its_articles_can_be_saved(staff_client):
    """The issue's list of articles has no description field: the rule waits for the article's
    own page rather than failing there."""
    issue = make_issue()
    article = make_article(issue=issue)
    Article.objects.filter(pk=article.pk).update(image="articles/legacy.jpg")
    url = reverse("admin:newsletters_issue_change", args=[issue.pk])

    response = post_change_form(staff_client, url, title_zh_hans="新的一期")

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.title_zh_hans == "新的一期"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\nThis is not a PDF document.", "damaged"),
        (pdf_bytes(password="secret"), "encrypted"),
        (picture_bytes("PNG"), "not a PDF"),
    ],
    ids=["fake", "encrypted", "image renamed .pdf"],
)
def test_a_bad_report_pdf_uploaded_in_the_admin_is_a_form_error(staff_client, content, message):
    report = make_report()
    url = reverse("admin:alliance_report_change", args=[report.pk])

    response = post_change_form(staff_client, url, pdf=SimpleUploadedFile("report.pdf", content))

    errors = form_errors(response)
    assert message in errors["pdf"][0]
    report.refresh_from_db()
    assert not report.pdf
    assert stored_files("reports") == []


def test_a_real_report_pdf_is_kept(staff_client):
    report = make_report()
    url = reverse("admin:alliance_report_change", args=[report.pk])

    response = post_change_form(
        staff_client, url, pdf=SimpleUploadedFile("report.pdf", pdf_bytes(pages=12))
    )

    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).pdf.name == "reports/report.pdf"


def test_renditions_once_made_cost_the_page_no_query(client, django_assert_max_num_queries):
    plain, illustrated = make_article(), make_article()
    illustrated.image.save("harbour.jpg", stored_image())
    client.get(illustrated.get_absolute_url())  # makes the renditions

    with CaptureQueriesContext(connection) as without_image:
        client.get(plain.get_absolute_url())
    with django_assert_max_num_queries(len(without_image)):
        client.get(illustrated.get_absolute_url())
