"""What every admin page shows publishers: the source's word on a story readers see."""

from .models import SourceAlert

SHOWN = 20


def source_alerts(request):
    """Unresolved source alerts, for a publisher. A callable, so that only the admin's
    template, which asks for it, pays its query: public pages never do."""

    def alerts():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        if not user.has_perm("articles.publish_story"):
            return []
        return list(SourceAlert.objects.unresolved().select_related("story")[:SHOWN])

    return {"source_alerts": alerts}
