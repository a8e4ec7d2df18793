import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.comments.conftest import make_comment, post_comment

pytestmark = pytest.mark.django_db

DAY = timezone.timedelta(days=1)


def public_pages(story):
    """Every page a reader can reach about the story: today the site has no feed or API yet,
    and this list is where they join the scan when they come."""
    return [
        reverse("articles:home"),
        story.get_absolute_url(),
        f"{story.get_absolute_url()}?reply_to={story.comments.approved().first().pk}",
        reverse("articles:tag", args=["ukraine"]),
    ]


def test_no_stored_email_or_ip_address_appears_in_any_public_page(client, published_story):
    for status in Comment.Status.values:
        make_comment(
            published_story,
            status=status,
            email=f"{status}.secret@mail.example",
            ip_address=f"203.0.113.{len(status)}",
            user_agent="SecretAgent/1.0",
        )
    # A reader's own post, refused and accepted, renders their page with the form filled in.
    own = post_comment(client, published_story, ip="203.0.113.77", email="own.secret@mail.example")
    refused = post_comment(Client(), published_story, email="refused.secret@mail.example", name="")
    pages = [Client().get(url) for url in public_pages(published_story)]
    pages += [client.get(published_story.get_absolute_url())]

    secrets = list(Comment.objects.values_list("email", "ip_address", "user_agent"))
    assert len(secrets) == 5
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        for email, ip, _user_agent in secrets:
            assert email not in html, (page.request["PATH_INFO"], email)
            assert (ip or "203.0.113.77") not in html
            assert "SecretAgent" not in html
    assert own.status_code == 302
    # The refused form shows the reader what they typed, their own email included, to them.
    assert refused.status_code == 400
    assert "refused.secret@mail.example" not in "".join(p.content.decode() for p in pages)


def test_the_erase_command_deletes_every_comment_of_an_email_and_reports_how_many(capsys, story):
    parent = make_comment(story, email="anna@mail.example")
    make_comment(story, email="Anna@Mail.example", status="pending")
    reply = make_comment(story, email="bert@mail.example", parent=parent)

    call_command("erase_comments", "ANNA@mail.example")

    assert "Erased 2 comment(s)" in capsys.readouterr().out
    reply.refresh_from_db()
    assert list(Comment.objects.all()) == [reply]
    assert reply.parent is None  # the other reader's words stay, now on their own


def test_the_erase_command_anonymises_on_request_and_keeps_the_words(capsys, story):
    make_comment(
        story,
        name="Anna",
        email="anna@mail.example",
        url="https://anna.example/",
        body="Kept words.",
        ip_address="203.0.113.7",
        user_agent="Firefox",
    )

    call_command("erase_comments", "anna@mail.example", "--anonymise")

    assert "Anonymised 1 comment(s)" in capsys.readouterr().out
    comment = Comment.objects.get()
    assert (comment.name, comment.email, comment.url, comment.body) == (
        "Anonymous",
        "",
        "",
        "Kept words.",
    )
    assert (comment.ip_address, comment.user_agent) == (None, "")


def test_the_erase_command_refuses_something_that_is_not_an_email():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="is not an email address"):
        call_command("erase_comments", "anna")


def test_ip_addresses_and_user_agents_are_cleared_after_the_retention_period(capsys, settings):
    settings.NEWSROOM_COMMENTS_KEEP_TRACES_DAYS = 30
    old = make_comment(
        created_at=timezone.now() - 31 * DAY, ip_address="203.0.113.7", user_agent="Firefox"
    )
    recent = make_comment(
        created_at=timezone.now() - 29 * DAY, ip_address="203.0.113.8", user_agent="Firefox"
    )

    call_command("clear_comment_traces")

    assert "of 1 comment(s) older than 30 days" in capsys.readouterr().out
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("203.0.113.8", "Firefox")


def test_saving_the_readers_details_is_opt_in(client, published_story):
    html = client.get(published_story.get_absolute_url()).content.decode()

    assert '<input type="checkbox" name="remember" id="id_remember">' in html
