"""One authentication backend: django-axes' lockout check, then Django's own.

Axes' backends only refuse locked-out users and leave the password to a second backend;
one backend doing both keeps User.objects.with_perm() working without naming a backend.
"""

from axes.backends import AxesBackend
from django.contrib.auth.backends import ModelBackend


class LockoutModelBackend(AxesBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        # Raises AxesBackendPermissionDenied while the username is locked out from here.
        super().authenticate(request, username=username, password=password, **kwargs)
        return ModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )
