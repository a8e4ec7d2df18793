"""Pictures on S3-compatible object storage, set by the environment alone.

The endpoint is real: moto's S3 server on 127.0.0.1, spoken to over HTTP by boto3 through
django-storages, as a production bucket would be. The settings come from a fresh process
that reads newsroom/settings.py with the MEDIA_S3_* variables set.
"""

import json

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from pictures.models import LeadPicture
from tests.articles.test_admin_workflow import logged_in
from tests.conftest import make_published_story
from tests.newsroom.test_scaling_settings import setting
from tests.pictures.conftest import picture_bytes, stored_files, upload
from tests.pictures.test_admin import change_url, errors_of, with_picture

pytestmark = pytest.mark.django_db

BUCKET = "newsroom-media"
# What docs/scaling.md asks of the bucket: anyone may read the pictures, nothing else.
PUBLIC_PICTURES = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/pictures/*",
        }
    ],
}


def settings_with(*expressions, **env):
    """The values of ``expressions`` on the settings of a fresh process with ``env``."""
    values = ", ".join(expressions)
    return json.loads(setting(f"__import__('json').dumps([{values}])", **env))


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server in a thread of this process, on a free port of 127.0.0.1."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """An empty bucket, and Newsroom's settings as MEDIA_S3_BUCKET and its endpoint make them."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "newsroom-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "newsroom-test-secret")
    env = {
        "MEDIA_S3_BUCKET": BUCKET,
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": "us-east-1",
    }
    settings.STORAGES, settings.CONTENT_SECURITY_POLICY = settings_with(
        "settings.STORAGES", "settings.CONTENT_SECURITY_POLICY", **env
    )
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_PICTURES))
    yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def keys(s3):
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_a_picture_uploaded_in_the_admin_lands_in_the_bucket_and_on_the_page(
    client, bucket, s3_endpoint, media_root
):
    logged_in(client, "Publisher")
    story = make_published_story()
    content = picture_bytes()

    response = client.post(change_url(story), with_picture(story, upload("kursk.jpg", content)))

    assert response.status_code == 302, errors_of(response)
    picture = LeadPicture.objects.get(story=story)
    assert keys(bucket) == [picture.image.name]
    assert stored_files(media_root) == [], "nothing went to the local media folder"
    stored = bucket.get_object(Bucket=BUCKET, Key=picture.image.name)
    assert stored["Body"].read() == content
    assert stored["ContentType"] == "image/jpeg"
    assert stored["CacheControl"] == "public, max-age=31536000, immutable"

    page = client.get(story.get_absolute_url())
    html = page.content.decode()
    url = f"{s3_endpoint}/{BUCKET}/{picture.image.name}"
    assert f'<img src="{url}" width="1200" height="800"' in html
    assert f'<meta property="og:image" content="{url}">' in html
    directives = dict(
        part.strip().split(" ", 1) for part in page["Content-Security-Policy"].split(";")
    )
    assert directives["img-src"] == f"'self' data: {s3_endpoint}"
    # A reader's browser fetches it from the bucket, without credentials.
    assert httpx.get(url).content == content


def test_a_deleted_picture_leaves_the_bucket(bucket, django_capture_on_commit_callbacks):
    picture = LeadPicture.objects.create(
        story=make_published_story(), image=upload(), alt_text="A", credit="Photo: AP"
    )
    assert keys(bucket) == [picture.image.name]

    with django_capture_on_commit_callbacks(execute=True):
        picture.delete()

    assert keys(bucket) == []


def test_without_media_s3_bucket_pictures_are_files_under_media_root(tmp_path):
    imports = tmp_path / "imports"
    storages = settings_with(
        "settings.STORAGES",
        "str(settings.MEDIA_ROOT)",
        MEDIA_ROOT=tmp_path,
        NEWSROOM_IMPORTS_ROOT=imports,
    )

    assert storages == [
        {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            "imports": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": imports.as_posix()},
            },
        },
        tmp_path.as_posix(),
    ]


def test_a_custom_domain_is_where_pages_load_pictures_from():
    storage, policy = settings_with(
        "settings.STORAGES['default']",
        "settings.CONTENT_SECURITY_POLICY",
        MEDIA_S3_BUCKET="newsroom-media",
        MEDIA_S3_REGION="eu-central-1",
        MEDIA_S3_CUSTOM_DOMAIN="media.news.example.org",
    )

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["custom_domain"] == "media.news.example.org"
    assert storage["OPTIONS"]["region_name"] == "eu-central-1"
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert policy["DIRECTIVES"]["img-src"] == ["'self'", "data:", "https://media.news.example.org"]


def test_a_bucket_on_aws_without_a_domain_is_allowed_by_its_own_address():
    [policy] = settings_with(
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']", MEDIA_S3_BUCKET="news-media"
    )

    assert policy == ["'self'", "data:", "https://news-media.s3.amazonaws.com"]
