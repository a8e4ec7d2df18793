from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/<slug:slug>/", views.story_detail, name="detail"),
    # Staff only (articles.view_story): the same view over every story, never cached.
    path("preview/<int:pk>/", views.story_detail, {"preview": True}, name="preview"),
    path("tags/<slug:slug>/", views.tag_archive, name="tag"),
]
