"""Pictures made on the spot with Pillow, and a media folder of each test's own."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pictures.models import LeadPicture
from tests.conftest import make_published_story


def picture_bytes(image_format="JPEG", size=(1200, 800)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(buffer, format=image_format)
    return buffer.getvalue()


def bomb_png(width=100_000, height=100_000):
    """A PNG of a few hundred bytes whose header promises ``width`` x ``height`` pixels."""

    def chunk(kind, data):
        checksum = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + chunk(b"IEND", b"")
    )


def upload(name="rescue workers.jpg", content=None, content_type="image/jpeg"):
    content = picture_bytes() if content is None else content
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_picture(story=None, **overrides):
    overrides.setdefault("image", upload())
    overrides.setdefault("alt_text", "Rescue workers carry a stretcher out of a building.")
    overrides.setdefault("credit", "Photo: Reuters/Jane Doe")
    return LeadPicture.objects.create(story=story or make_published_story(), **overrides)


def stored_files(root):
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads land in the test's own folder, never in the checkout's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
