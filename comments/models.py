from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .addresses import normalise_email
from .querysets import CommentQuerySet
from .rules import WordList, assess


class Comment(models.Model):
    """A reader's comment on a story, or a reply to one (one level deep)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    story = models.ForeignKey(
        "articles.Story", verbose_name=_("story"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        # An erased comment leaves its replies standing, as top-level comments.
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=245)
    email = models.EmailField(
        _("email"),
        max_length=100,
        blank=True,
        help_text=_("Never shown publicly. Empty once the comment has been anonymised."),
    )
    url = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    reason = models.CharField(
        _("reason"),
        max_length=200,
        blank=True,
        help_text=_("Why the rules held, refused or passed this comment when it arrived."),
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    ip_address = models.GenericIPAddressField(
        _("IP address"),
        null=True,
        blank=True,
        help_text=_("For moderators only; cleared after the retention period."),
    )
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notified_at = models.DateTimeField(
        _("moderators notified"),
        null=True,
        blank=True,
        help_text=_("When a digest mail told the moderators about this comment."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["story", "status", "created_at"], name="comment_story_status"),
            models.Index(fields=["status", "-created_at"], name="comment_moderation_queue"),
            models.Index(fields=["email"], name="comment_by_email"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="comment_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.snippet}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.story.get_absolute_url()}#comment-{self.pk}"

    @property
    def snippet(self):
        return Truncator(" ".join(self.body.split())).chars(80)

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED

    def submit(self, *, rules, proven_email=""):
        """Save a reader's new comment with the status and reason the rules give it, and
        return the verdict. `proven_email`: the address the reader's browser proved."""
        verdict = assess(self, rules, proven_email=proven_email)
        self.status, self.reason = verdict.status, verdict.reason
        self.save()
        return verdict

    def release_confirmed(self, *, rules):
        """Publish this comment, held until its author proved they read its address, if the
        rules in force pass it now; False when it was moderated meanwhile or is still held."""
        with transaction.atomic():
            held = (
                Comment.objects.select_for_update()
                .filter(pk=self.pk, status=self.Status.PENDING, moderated_at__isnull=True)
                .first()
            )
            if held is None:
                return False
            verdict = assess(held, rules, proven_email=held.email)
            if verdict.status != self.Status.APPROVED:
                return False
            held.status, held.reason = verdict.status, verdict.reason
            held.save(update_fields=["status", "reason"])
        self.status, self.reason = held.status, held.reason
        return True

    def moderate(self, status, *, by):
        Comment.objects.filter(pk=self.pk).moderate(status, by=by)
        self.refresh_from_db(fields=["status", "moderated_by", "moderated_at"])

    def approve(self, *, by):
        self.moderate(self.Status.APPROVED, by=by)

    def mark_spam(self, *, by):
        self.moderate(self.Status.SPAM, by=by)

    def remove(self, *, by):
        self.moderate(self.Status.REMOVED, by=by)


class CommentRules(models.Model):
    """The discussion settings, one row edited in the admin: what is held, what is spam."""

    hold_all = models.BooleanField(
        _("hold every comment"),
        default=False,
        help_text=_("Every comment waits for a moderator, trusted authors included."),
    )
    trust_after = models.PositiveSmallIntegerField(
        _("trust an email after"),
        default=2,
        help_text=_(
            "Approve a comment straight away when its email address already has this many "
            "approved comments. 0 approves every comment that passes the other rules."
        ),
    )
    hold_at_links = models.PositiveSmallIntegerField(
        _("hold at links"),
        default=2,
        help_text=_("Hold a comment with this many links or more. 0 turns the rule off."),
    )
    moderation_words = models.TextField(
        _("words that hold a comment"),
        blank=True,
        help_text=_(
            "One a line, matched anywhere in the name, email, website, text, IP address or "
            "user agent, ignoring case. /like this/ is a regular expression."
        ),
    )
    spam_words = models.TextField(
        _("words that mark a comment as spam"),
        blank=True,
        help_text=_("As above; a match sends the comment to spam without review."),
    )
    max_length = models.PositiveIntegerField(
        _("longest comment"),
        default=65525,
        help_text=_("In characters. A longer comment is refused with a message to the reader."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=14,
        help_text=_("Counted from the story's publish time. 0 keeps comments open for good."),
    )

    class Meta:
        verbose_name = _("comment rules")
        verbose_name_plural = _("comment rules")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="comment_rules_singleton"),
        ]

    def __str__(self):
        return str(_("Comment rules"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        for field in ["moderation_words", "spam_words"]:
            try:
                WordList.parse(getattr(self, field))
            except ValueError as error:
                errors[field] = str(error)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def load(cls):
        """The rules in force: the saved row, or the defaults until someone saves one."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def closes_at(self, story):
        if not self.close_after_days or story.published_at is None:
            return None
        return story.published_at + timezone.timedelta(days=self.close_after_days)

    def is_open_for(self, story, now=None):
        """Comments are open until the story's closing day, unless a moderator closed them."""
        now = now or timezone.now()
        closes_at = self.closes_at(story)
        if closes_at is not None and closes_at <= now:
            return False
        return not ClosedDiscussion.objects.filter(story=story).exists()


class ClosedDiscussion(models.Model):
    """A story on which readers can no longer comment; its published comments stay."""

    story = models.OneToOneField(
        "articles.Story",
        verbose_name=_("story"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("closed discussion")
        verbose_name_plural = _("closed discussions")
        ordering = ["-closed_at"]

    def __str__(self):
        return str(self.story)
