"""The site's URLs plus one view that loses the database, for the 503 tests."""

from django.db import OperationalError
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def lost_database(request):
    raise OperationalError("connection to server was lost")


urlpatterns = [path("lost/", lost_database), *site_urlpatterns]
