from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/<int:story_id>/", views.post_comment, name="post"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm"),
]
