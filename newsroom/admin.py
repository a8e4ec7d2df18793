"""The admin is the editors' main tool: it carries the newsroom's name, not Django's."""

from django.conf import settings
from django.contrib import admin

admin.site.site_header = settings.NEWSROOM_SITE_NAME
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.index_title = "Desk"
