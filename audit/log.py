"""record(): the one way an entry is written."""

from .models import AuditEntry


def record(action, *, actor=None, username="", target=None, request=None, note=""):
    from comments.abuse import client_ip

    if actor is not None and not username:
        username = actor.get_username()
    entry = AuditEntry(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        username=username[:150],
        ip_address=client_ip(request) if request is not None else None,
        note=note,
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:300]
    entry.save()
    return entry
