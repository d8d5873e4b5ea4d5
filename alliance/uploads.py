"""Checks on uploaded files, used as field validators, and on the descriptions images need.

An image must really be a JPEG, PNG, WebP or GIF image that the site can resize; a report must
really be a PDF that anyone can open. The checks read the file, never trust its name, and look at
an image's size in its header before anything decodes its pixels, so that a small file claiming
a huge picture (a decompression bomb) is refused without filling the memory.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader

MEGABYTE = 1024 * 1024
IMAGE_MAX_BYTES = 10 * MEGABYTE
# 40 megapixels decode to about 160 MB: enough for any photograph an editor needs to show.
IMAGE_MAX_PIXELS = 40_000_000
# Pillow's names of the formats browsers show everywhere.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
PDF_MAX_BYTES = 50 * MEGABYTE
PDF_SIGNATURE = b"%PDF-"


def is_new_upload(file):
    """A file already in storage was checked when it was uploaded; only new uploads are read."""
    return not getattr(file, "_committed", False)


def check_file_size(file, limit):
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; it may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )


def open_image(file):
    """The image with only its header read; refused when it is no image or too many pixels."""
    too_many_pixels = ValidationError(
        _("The image has more than %(limit)s megapixels; scale it down before uploading it."),
        code="image_too_many_pixels",
        params={"limit": IMAGE_MAX_PIXELS // 1_000_000},
    )
    file.seek(0)
    try:
        # Pillow warns, then refuses, when a header claims a huge number of pixels.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=IMAGE_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The file is not an image the site accepts: upload a JPEG, PNG, WebP or GIF image."),
            code="image_format",
        ) from error
    if image.width * image.height > IMAGE_MAX_PIXELS:
        raise too_many_pixels
    return image


def decode_pixels(image):
    """Decodes the pixels, once their number is known to be safe: a truncated or damaged file
    fails here."""
    try:
        image.load()
    except Exception as error:
        # Pillow raises many kinds of errors for damaged data, as Django's own ImageField knows.
        raise ValidationError(
            _(
                "The image is damaged or incomplete: save it again from the original and upload "
                "it as JPEG, PNG, WebP or GIF."
            ),
            code="image_damaged",
        ) from error


@deconstructible
class ImageValidator:
    """An uploaded image that the site can show: its real format, file size and pixel size."""

    def __init__(self, min_side):
        self.min_side = min_side

    def __call__(self, file):
        if not is_new_upload(file):
            return
        check_file_size(file, IMAGE_MAX_BYTES)
        # Leaving the block releases Pillow's hold on the file but leaves the file open.
        with open_image(file) as image:
            self.check_shorter_side(image)
            decode_pixels(image)
        file.seek(0)

    def check_shorter_side(self, image):
        if min(image.size) < self.min_side:
            raise ValidationError(
                _(
                    "The image is %(width)s × %(height)s pixels; it must be at least "
                    "%(min_side)s pixels on its shorter side."
                ),
                code="image_too_small",
                params={"width": image.width, "height": image.height, "min_side": self.min_side},
            )

    def __eq__(self, other):
        return isinstance(other, ImageValidator) and self.min_side == other.min_side


# Covers and article images are shown across the page; logos and portraits are shown small.
validate_picture = ImageValidator(min_side=200)
validate_small_picture = ImageValidator(min_side=64)


def validate_pdf(file):
    """An uploaded report: a PDF that opens without a password and has pages."""
    if not is_new_upload(file):
        return
    check_file_size(file, PDF_MAX_BYTES)
    file.seek(0)
    if file.read(len(PDF_SIGNATURE)) != PDF_SIGNATURE:
        raise ValidationError(
            _("The file is not a PDF: upload the report as a PDF document."), code="pdf_format"
        )
    file.seek(0)
    try:
        reader = PdfReader(file)
        encrypted = reader.is_encrypted
        page_count = 0 if encrypted else len(reader.pages)
    except Exception as error:
        # pypdf raises errors of its own and of Python's for a damaged file.
        raise ValidationError(
            _("The PDF is damaged and cannot be opened: export it again and upload the new file."),
            code="pdf_damaged",
        ) from error
    finally:
        file.seek(0)
    if encrypted:
        raise ValidationError(
            _(
                "The PDF is encrypted or password-protected: upload a copy saved without a "
                "password or restrictions, so that every reader can open it."
            ),
            code="pdf_encrypted",
        )
    if not page_count:
        raise ValidationError(_("The PDF has no pages."), code="pdf_empty")


def image_description_errors(instance, image_field, description_field, exclude=()):
    """The error of an image without a Chinese description, as a dict for clean_fields().

    Every image the site shows needs a text for readers who cannot see it. A form that leaves
    out the description (an issue's list of its articles) could not show the error, so the rule
    is checked by the forms that have the field.
    """
    description = build_localized_fieldname(description_field, settings.LANGUAGE_CODE)
    if description in (exclude or ()):
        return {}
    if getattr(instance, image_field) and not getattr(instance, description):
        error = ValidationError(
            _("Describe the image in Chinese for readers who cannot see it."),
            code="image_description_required",
        )
        return {description: [error]}
    return {}
