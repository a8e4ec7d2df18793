"""Uploaded wire files on object storage: with MEDIA_S3_BUCKET, they wait for the worker
under imports/ in the bucket, outside the public pictures/*, and leave once imported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Story
from tests.conftest import make_user
from tests.pictures.test_object_storage import BUCKET, bucket, keys, s3_endpoint  # noqa: F401

pytestmark = pytest.mark.django_db


def test_an_upload_waits_in_the_bucket_under_imports_and_leaves_once_imported(
    client,
    bucket,  # noqa: F811
    run_tasks,
    samples_dir,
):
    client.force_login(make_user("Publisher"))
    content = (samples_dir / "ninjs/ninjs-3.0-dpa-text.json").read_bytes()

    client.post(
        reverse("admin:ingest_upload"), {"files": [SimpleUploadedFile("dpa.json", content)]}
    )
    (key,) = keys(bucket)
    stored = bucket.get_object(Bucket=BUCKET, Key=key)
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=key)
    run_tasks()

    assert key.startswith("imports/")
    assert key.endswith("/dpa.json")
    assert stored["Body"].read() == content
    assert not [grant for grant in acl["Grants"] if "URI" in grant["Grantee"]], "nobody else"
    assert Story.objects.filter(source__name="dpa").exists()
    assert keys(bucket) == []
