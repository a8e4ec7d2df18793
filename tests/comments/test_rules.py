import pytest
from django.core.exceptions import ValidationError

from comments.models import Comment, CommentRules
from comments.rules import assess, count_links
from tests.comments.conftest import make_comment, post_comment

pytestmark = pytest.mark.django_db


def verdict(story, rules=None, *, proven_email="", **fields):
    fields.setdefault("name", "Anna")
    fields.setdefault("email", "anna@mail.example")
    fields.setdefault("body", "A plain comment.")
    comment = Comment(story=story, **fields)
    result = assess(comment, rules or CommentRules.load(), proven_email=proven_email)
    return result.status, result.reason


def test_the_defaults_are_wordpress_defaults():
    rules = CommentRules.load()

    assert rules.pk == 1
    assert not rules.hold_all
    assert rules.trust_after == 2
    assert rules.hold_at_links == 2
    assert rules.max_length == 65525
    assert rules.close_after_days == 14
    assert (rules.moderation_words, rules.spam_words) == ("", "")


def test_the_rules_are_a_single_row_whatever_is_saved():
    CommentRules.objects.create(hold_all=True)
    CommentRules(hold_at_links=5).save()

    assert CommentRules.objects.count() == 1
    assert CommentRules.load().hold_at_links == 5


def test_a_first_comment_from_an_email_is_held_with_the_reason(story):
    assert verdict(story) == ("pending", "held: 0 of 2 approved comments from this email")


def test_a_proven_email_with_two_approved_comments_is_trusted_whatever_its_case(story):
    make_comment(story, email="anna@mail.example")
    make_comment(story, email="ANNA@mail.example")
    make_comment(story, email="anna@mail.example", status="spam")

    assert verdict(story, email="Anna@Mail.example", proven_email="anna@mail.example") == (
        "approved",
        "approved: trusted email, 2 approved comments",
    )


def test_a_trusted_email_typed_without_proof_is_held_until_confirmed(story):
    make_comment(story, email="anna@mail.example")
    make_comment(story, email="anna@mail.example")
    held = ("pending", "held: trusted email not yet confirmed in this browser")

    assert verdict(story) == held
    assert verdict(story, proven_email="someone.else@mail.example") == held


def test_one_approved_comment_is_not_enough_trust_by_default(story):
    make_comment(story, email="anna@mail.example")

    assert verdict(story)[1] == "held: 1 of 2 approved comments from this email"


def test_holding_every_comment_holds_trusted_authors_too(story):
    make_comment(story, email="anna@mail.example")
    make_comment(story, email="anna@mail.example")

    assert verdict(story, CommentRules(hold_all=True)) == (
        "pending",
        "held: every comment is held",
    )


def test_trusting_after_zero_comments_approves_whatever_passes_the_other_rules(story):
    assert verdict(story, CommentRules(trust_after=0)) == (
        "approved",
        "approved: passed every rule",
    )


def test_a_comment_with_two_links_is_held_even_from_a_trusted_author(story):
    rules = CommentRules(trust_after=0)
    body = "See https://a.example/x and www.b.example, then http://c.example."

    assert verdict(story, rules, body=body) == ("pending", "held: 3 links")
    assert verdict(story, rules, body="Just https://a.example")[0] == "approved"


def test_the_link_limit_follows_the_rules_and_zero_turns_it_off(story):
    body = "https://a.example https://b.example https://c.example"

    assert verdict(story, CommentRules(trust_after=0, hold_at_links=4), body=body)[0] == "approved"
    assert verdict(story, CommentRules(trust_after=0, hold_at_links=0), body=body)[0] == "approved"


def test_links_are_counted_as_the_page_would_link_them():
    assert count_links("http://a.example https://b.example www.c.example") == 3
    assert count_links("no links, just a.example and an email@mail.example") == 0


def test_a_moderation_word_holds_a_comment_and_names_the_word(story):
    rules = CommentRules(trust_after=0, moderation_words="loan\nquick money")

    assert verdict(story, rules, body="Need a LOAN?") == ("pending", "held: moderation word 'loan'")
    assert verdict(story, rules, name="Quick Money Ltd")[1] == "held: moderation word 'quick money'"


def test_a_spam_word_sends_a_comment_to_spam_even_from_a_trusted_author(story):
    make_comment(story, email="anna@mail.example")
    make_comment(story, email="anna@mail.example")
    rules = CommentRules(spam_words="casino\nviagra")

    assert verdict(story, rules, body="Best Casino bonus") == (
        "spam",
        "spam: blocklisted word 'casino'",
    )


@pytest.mark.parametrize(
    "field",
    [
        {"name": "casino king"},
        {"email": "casino@mail.example"},
        {"url": "https://casino.example/"},
        {"ip_address": "203.0.113.66"},
        {"user_agent": "CasinoBot/1.0"},
    ],
    ids=["name", "email", "website", "ip", "user-agent"],
)
def test_words_are_looked_for_in_every_field_a_spammer_fills(story, field):
    rules = CommentRules(spam_words="casino\n203.0.113.66")

    assert verdict(story, rules, **field)[0] == "spam"


def test_a_word_between_slashes_is_a_regular_expression(story):
    rules = CommentRules(spam_words=r"/c[a@]s[i1]no/")

    assert verdict(story, rules, body="c@s1no night") == (
        "spam",
        "spam: blocklisted word '/c[a@]s[i1]no/'",
    )


def test_a_broken_regular_expression_is_refused_when_the_rules_are_saved():
    rules = CommentRules(spam_words="fine\n/casino(/")

    with pytest.raises(ValidationError, match="is not a valid regular expression"):
        rules.full_clean()


def test_a_posted_comment_carries_the_rules_verdict_and_reason(client, story):
    CommentRules.objects.create(trust_after=0, spam_words="casino")

    post_comment(client, story, body="Casino!")
    post_comment(client, story, body="Fine words.")

    assert list(Comment.objects.order_by("pk").values_list("status", "reason")) == [
        ("spam", "spam: blocklisted word 'casino'"),
        ("approved", "approved: passed every rule"),
    ]


def test_a_comment_longer_than_the_rules_allow_is_refused_with_a_message(client, story):
    CommentRules.objects.create(max_length=20)

    response = post_comment(client, story, body="x" * 21)

    assert response.status_code == 400
    assert "Ensure this value has at most 20 characters (it has 21)." in response.content.decode()
    assert not Comment.objects.exists()


def test_the_fields_keep_wordpress_lengths():
    lengths = {
        field: Comment._meta.get_field(field).max_length for field in ["name", "email", "url"]
    }

    assert lengths == {"name": 245, "email": 100, "url": 200}


def test_a_rule_that_backtracks_for_ever_holds_the_comment_instead_of_hanging(settings):
    settings.NEWSROOM_COMMENTS_RULE_TIMEOUT = 0.05
    # Exponential on Python's re engine and on regex's alike: one comment, a hung worker.
    rules = CommentRules(moderation_words="/(a|aa)+$/")
    comment = Comment(name="Bob", email="bob@mail.example", body="a" * 60 + "!")

    verdict = assess(comment, rules)

    assert verdict.status == Comment.Status.PENDING
    assert verdict.reason == (
        "held: the rule '/(a|aa)+$/' took too long on this comment; check the rule"
    )
