from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class PortalAdminSite(OTPAdminSite):
    """Administrators sign in through the portal's own sign-in and second factor, never a separate form."""

    site_header = "BSCP portal administration"
    site_title = "BSCP portal administration"
    index_title = "Administration"

    def __init__(self, name="admin"):
        super().__init__(name=name)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            raise PermissionDenied  # signed in, but not an administrator
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
