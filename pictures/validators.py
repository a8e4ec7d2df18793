"""What an uploaded picture may be: a JPEG, PNG or WebP file Pillow can read, within limits.

Pillow reads only the file's header here; nothing is decoded, so a decompression bomb (a
small file that unpacks into billions of pixels) costs nothing and is refused by its size.
"""

import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

# Pillow's format name -> the file name extension and the Content-Type it is served with.
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
ACCEPT = ",".join(content_type for _extension, content_type in FORMATS.values())


@dataclass(frozen=True)
class PictureFile:
    format: str
    width: int
    height: int

    @property
    def extension(self):
        return FORMATS[self.format][0]


def inspect_picture(file):
    """The format and size of an uploaded picture, or ValidationError saying what is wrong."""
    if file.size > settings.NEWSROOM_PICTURE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; a picture may be at most %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.NEWSROOM_PICTURE_MAX_BYTES),
            },
        )
    picture = read_picture(file)
    max_side = settings.NEWSROOM_PICTURE_MAX_SIDE
    if picture.width > max_side or picture.height > max_side:
        raise ValidationError(
            _(
                "The picture is %(width)d by %(height)d pixels; at most %(limit)d pixels on "
                "either side are accepted. Scale it down and upload it again."
            ),
            code="too_wide",
            params={"width": picture.width, "height": picture.height, "limit": max_side},
        )
    if picture.width * picture.height > settings.NEWSROOM_PICTURE_MAX_PIXELS:
        raise too_many_pixels()
    return picture


def read_picture(file):
    """The format and size in ``file``'s header; ValidationError when it is none of ours."""
    file.seek(0)
    try:
        # Pillow warns about, then refuses, images past its own pixel limit: either way a bomb.
        with (
            warnings.catch_warnings(action="error", category=Image.DecompressionBombWarning),
            Image.open(file, formats=list(FORMATS)) as image,
        ):
            picture = PictureFile(image.format, *image.size)
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels() from None
    except Exception:  # Pillow raises many kinds of error on a hostile or broken file.
        raise ValidationError(
            _(
                "This file is not a JPEG, PNG or WebP picture, or it is damaged. Save the "
                "picture in one of those formats and upload it again."
            ),
            code="not_a_picture",
        ) from None
    finally:
        file.seek(0)
    return picture


def too_many_pixels():
    return ValidationError(
        _(
            "The picture has more pixels than Newsroom accepts (at most %(limit)s million). "
            "Scale it down and upload it again."
        ),
        code="too_many_pixels",
        params={"limit": f"{settings.NEWSROOM_PICTURE_MAX_PIXELS / 1_000_000:g}"},
    )


def validate_picture(file):
    """The model field's validator: checks a new upload, not a file already in storage."""
    # A stored file was checked when it was uploaded; reading it again could mean a
    # download from object storage on every save of the story.
    if getattr(file, "_committed", True):
        return
    inspect_picture(file)
