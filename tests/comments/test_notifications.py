import pytest
from django.core import mail
from django.core.cache import cache

from comments.models import Comment, CommentRules
from comments.notifications import DIGEST_SENT_KEY, notify_moderators
from tests.comments.conftest import make_comment, post_comment
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

QUEUE = "https://news.example/admin/comments/comment/"


@pytest.fixture
def moderator(db):
    return make_user("Moderator", email="moderator@news.example")


def test_a_held_comment_mails_the_moderators_with_story_reason_and_queue_link(
    client, story, moderator, django_capture_on_commit_callbacks
):
    make_user("Translator", email="translator@news.example")
    make_user("Moderator")  # no address, no mail

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, story, name="Anna", body="Held for review.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderator@news.example"]
    assert message.subject == "1 comment awaits moderation"
    assert "Anna on “Putin sees offensive failed”" in message.body
    assert "held: 0 of 2 approved comments from this email" in message.body
    assert "http://testserver/admin/comments/comment/" in message.body
    assert Comment.objects.get().notified_at is not None


def test_comments_held_within_the_window_wait_for_one_digest(story, moderator):
    make_comment(story, status="pending")
    assert notify_moderators(queue_url=QUEUE) == 1

    make_comment(story, status="pending")
    make_comment(story, status="pending")
    assert notify_moderators(queue_url=QUEUE) == 0
    assert len(mail.outbox) == 1

    cache.delete(DIGEST_SENT_KEY)  # the window has passed
    assert notify_moderators(queue_url=QUEUE) == 2
    assert mail.outbox[1].subject == "2 comments await moderation"


def test_the_digest_window_follows_the_setting_and_zero_mails_every_time(
    story, moderator, settings
):
    settings.NEWSROOM_COMMENTS_DIGEST_MINUTES = 0

    for _ in range(2):
        make_comment(story, status="pending")
        notify_moderators(queue_url=QUEUE)

    assert len(mail.outbox) == 2


def test_approved_and_spam_comments_do_not_mail_the_moderators(
    client, story, moderator, django_capture_on_commit_callbacks
):
    CommentRules.objects.create(trust_after=0, spam_words="casino")

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, story, body="Approved at once.")
        post_comment(client, story, body="casino")

    assert mail.outbox == []


def test_without_moderators_to_write_to_the_comments_wait_for_the_next_digest(story):
    make_comment(story, status="pending")

    assert notify_moderators(queue_url=QUEUE) == 0
    assert Comment.objects.not_yet_notified().count() == 1
