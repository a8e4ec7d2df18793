from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.models import Comment, CommentRules
from comments.notifications import notify_moderators
from tests.comments.conftest import make_comment, post_comment
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

QUEUE = "https://news.example/admin/comments/comment/"


@pytest.fixture
def moderator(db):
    return make_user("Moderator", email="moderator@news.example")


def test_a_held_comment_is_mailed_by_the_worker_not_in_the_readers_request(
    client, story, moderator, run_tasks
):
    make_user("Translator", email="translator@news.example")
    make_user("Moderator")  # no address, no mail

    post_comment(client, story, name="Anna", body="Held for review.")
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1

    run_tasks()

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

    later = timezone.now() + timedelta(minutes=15)
    assert notify_moderators(queue_url=QUEUE, now=later) == 2
    assert mail.outbox[1].subject == "2 comments await moderation"


def test_a_comment_held_within_the_window_is_mailed_when_the_window_ends(
    client, story, moderator, run_tasks
):
    post_comment(client, story, body="First, mailed at once.")
    run_tasks()
    assert len(mail.outbox) == 1

    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        post_comment(client, story, body="Second, within the window.")
        run_tasks()
        assert len(mail.outbox) == 1
        follow_up = DBTaskResult.objects.get(status="READY")  # comes back at the end

    with time_machine.travel(follow_up.run_after + timedelta(seconds=1)):
        run_tasks()
    assert len(mail.outbox) == 2
    assert "Second, within the window." in mail.outbox[1].body
    assert not Comment.objects.not_yet_notified().exists()
    assert not DBTaskResult.objects.ready().exists()


def test_the_digest_window_follows_the_setting_and_zero_mails_every_time(
    story, moderator, settings
):
    settings.NEWSROOM_COMMENTS_DIGEST_MINUTES = 0

    for _ in range(2):
        make_comment(story, status="pending")
        notify_moderators(queue_url=QUEUE)

    assert len(mail.outbox) == 2


def test_a_mail_that_cannot_be_sent_leaves_the_comments_for_the_next_digest(
    story, moderator, settings
):
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.BrokenMailBackend"
    make_comment(story, status="pending")

    with pytest.raises(ConnectionRefusedError):
        notify_moderators(queue_url=QUEUE)

    assert Comment.objects.not_yet_notified().count() == 1


class BrokenMailBackend:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_approved_and_spam_comments_do_not_mail_the_moderators(client, story, moderator, run_tasks):
    CommentRules.objects.create(trust_after=0, spam_words="casino")

    post_comment(client, story, body="Approved at once.")
    post_comment(client, story, body="casino")
    run_tasks()

    assert mail.outbox == []
    assert not DBTaskResult.objects.exists()


def test_without_moderators_to_write_to_the_comments_wait_for_the_next_digest(
    client, story, run_tasks
):
    post_comment(client, story, body="Held, but nobody to tell.")
    run_tasks()

    assert Comment.objects.not_yet_notified().count() == 1
    assert not DBTaskResult.objects.ready().exists()  # no task keeps coming back for nobody
