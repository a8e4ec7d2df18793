from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/two-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]

# A database lost outside a view answers 503 like one lost inside (newsroom/middleware.py).
handler500 = "newsroom.middleware.server_error"
