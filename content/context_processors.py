from content.selectors import alerts_current


def alerts(request):
    """The site-wide alert banners shown now (from the shared cache: no query on a warm page)."""
    return {"site_alerts": alerts_current}
