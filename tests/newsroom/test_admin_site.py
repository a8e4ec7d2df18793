import pytest
from django.contrib.auth.models import User


@pytest.mark.django_db
def test_the_admin_carries_the_newsrooms_name(client, settings):
    client.force_login(User.objects.create_superuser("chief", password="a-long-password"))

    html = client.get("/admin/").content.decode()

    assert f">{settings.NEWSROOM_SITE_NAME}</a>" in html
    assert "Django administration" not in html
