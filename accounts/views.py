"""Two-factor enrolment for staff: scan the code, type one code back, and it is on."""

import base64

import qrcode
import qrcode.image.svg
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import ConfirmDeviceForm


@staff_member_required
def two_factor(request):
    """Enrol an authenticator app, or verify this session with the one already enrolled."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    enrolled = device is not None
    if not enrolled:
        device, _created = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": _("Authenticator app")}
        )
    form = ConfirmDeviceForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if not enrolled:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(request, _("Two-factor sign-in is on for your account."))
        otp_login(request, device)
        return redirect("admin:index")
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor sign-in"),
        "enrolled": enrolled,
        "verified": request.user.is_verified(),
        "form": form,
    }
    if not enrolled:
        context["secret"] = base64.b32encode(device.bin_key).decode()
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
        # Generated here from the device's own URL: no outside text reaches the markup.
        context["qr_code"] = mark_safe(image.to_string(encoding="unicode"))
    return TemplateResponse(request, "admin/accounts/two_factor.html", context)
