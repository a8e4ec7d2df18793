from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/two-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]
# Uploaded pictures from runserver, with DEBUG only (static() adds nothing otherwise); in
# production nginx serves MEDIA_ROOT, or the pictures live on object storage.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A database lost outside a view answers 503 like one lost inside (newsroom/middleware.py).
handler500 = "newsroom.middleware.server_error"
