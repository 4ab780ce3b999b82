from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin behind the second factor."""

    default_site = "partnership.admin_site.PortalAdminSite"
