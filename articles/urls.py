from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/<slug:slug>/", views.story_detail, name="detail"),
    path("tags/<slug:slug>/", views.tag_archive, name="tag"),
]
