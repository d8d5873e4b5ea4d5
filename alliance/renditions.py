"""Renditions: an uploaded image resized for one use on the site (an alias of THUMBNAIL_ALIASES),
made and kept by easy-thumbnails, as JPEG or PNG and as WebP."""

import logging

from easy_thumbnails.exceptions import EasyThumbnailsError
from easy_thumbnails.files import get_thumbnailer

logger = logging.getLogger(__name__)


def rendition(image, alias, *, webp=False):
    """The image resized for an alias, or None when there is no image or it cannot be read.

    A missing or damaged original costs the page its picture, never the page itself.
    """
    if not image:
        return None
    thumbnailer = get_thumbnailer(image)
    if webp:
        thumbnailer.thumbnail_extension = "webp"
        thumbnailer.thumbnail_transparency_extension = "webp"
        thumbnailer.thumbnail_preserve_extensions = ()
    try:
        return thumbnailer[alias]
    except (EasyThumbnailsError, OSError):
        logger.warning("No %s rendition of %s", alias, image.name, exc_info=True)
        return None


def rendition_url(image, alias, absolute_url):
    """The full address of an image's rendition, for link previews and structured data."""
    found = rendition(image, alias)
    return found and absolute_url(found.url)
