from content.selectors import alerts_current


def alerts(request):
    """The site-wide alert banners shown now (one query per page)."""
    return {"site_alerts": alerts_current}
