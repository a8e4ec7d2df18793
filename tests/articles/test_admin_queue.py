"""The story list as a work queue: filters, counts per status, and the bulk actions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

S = Story.Status
CHANGELIST = "admin:articles_story_changelist"
# Every filter, the counts (the statuses, and the live updates in review from the
# revisions' partial index), a publisher's source alerts and the page itself, whatever the
# number of stories.
CHANGELIST_MAX_QUERIES = 14


def logged_in(client, role):
    user = make_user(role)
    client.force_login(user)
    return user


def run_action(client, action, stories, **data):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [story.pk for story in stories], **data},
        follow=True,
    )


def messages_of(response):
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def listed(client, **query):
    return set(client.get(reverse(CHANGELIST), query).context["cl"].result_list)


def test_bulk_approve_approves_what_it_can_and_names_each_skipped_story_with_its_reason(client):
    reviewer = logged_in(client, "Reviewer")
    translator = make_user("Translator")
    ready = [make_story(status=S.IN_REVIEW, translator=translator) for _ in range(3)]
    own = make_story(headline="My own", status=S.IN_REVIEW, written_by=reviewer)
    draft = make_story(headline="Still a draft", status=S.NEW)

    response = run_action(client, "approve_stories", [*ready, own, draft])

    assert messages_of(response) == [
        (
            "warning",
            "Skipped “My own”: Approval needs a second pair of eyes: you wrote part of this "
            "text since it was last approved (an edit, a machine draft, a restore or an import).",
        ),
        ("warning", "Skipped “Still a draft”: “Approve” is not possible while the story is new."),
        ("success", "3 stories approved; 2 skipped."),
    ]
    assert {story.status for story in Story.objects.filter(pk__in=[s.pk for s in ready])} == {
        S.APPROVED
    }
    own.refresh_from_db()
    assert own.status == S.IN_REVIEW


def test_bulk_submit_sends_translated_stories_to_review(client):
    logged_in(client, "Translator")
    stories = [make_story(), make_story()]

    response = run_action(client, "submit_stories", stories)

    assert messages_of(response) == [("success", "2 stories submitted for review.")]
    assert set(Story.objects.values_list("status", flat=True)) == {S.IN_REVIEW}


def test_the_schedule_action_asks_for_a_time_first(client):
    logged_in(client, "Publisher")
    story = make_story(status=S.APPROVED)

    response = run_action(client, "schedule_stories", [story])

    assert response.status_code == 200
    assert response.templates[0].name == "admin/articles/story/action_form.html"
    assert 'type="datetime-local"' in response.content.decode()
    story.refresh_from_db()
    assert story.status == S.APPROVED


def test_the_schedule_action_sets_a_future_publish_time_shown_in_the_list(client):
    logged_in(client, "Publisher")
    story = make_story(headline="Tomorrow's story", status=S.APPROVED)
    tomorrow = timezone.localtime() + timezone.timedelta(days=1)

    response = run_action(
        client, "schedule_stories", [story], apply="yes", at=tomorrow.strftime("%Y-%m-%dT%H:%M")
    )

    story.refresh_from_db()
    assert story.is_scheduled()
    assert story.published_at == tomorrow.replace(second=0, microsecond=0)
    assert messages_of(response)[-1][1].startswith("1 story scheduled for ")
    assert "Scheduled for " in client.get(reverse(CHANGELIST)).content.decode()


def test_the_schedule_action_refuses_a_time_in_the_past(client):
    logged_in(client, "Publisher")
    story = make_story(status=S.APPROVED)
    yesterday = timezone.localtime() - timezone.timedelta(days=1)

    response = run_action(
        client, "schedule_stories", [story], apply="yes", at=yesterday.strftime("%Y-%m-%dT%H:%M")
    )

    assert "Choose a time in the future" in response.content.decode()
    story.refresh_from_db()
    assert story.status == S.APPROVED


def test_the_publish_action_publishes_now_and_skips_the_embargoed(client):
    logged_in(client, "Publisher")
    ready = make_story(status=S.APPROVED)
    embargoed = make_story(
        headline="Embargoed",
        status=S.APPROVED,
        embargoed_until=timezone.now() + timezone.timedelta(hours=2),
    )

    response = run_action(client, "publish_stories", [ready, embargoed])

    ready.refresh_from_db()
    assert ready.is_public()
    levels = [level for level, _ in messages_of(response)]
    assert levels == ["warning", "success"]
    assert messages_of(response)[0][1].startswith("Skipped “Embargoed”: The story is embargoed")
    assert messages_of(response)[1][1] == "1 story published; 1 skipped."


def test_the_assign_action_sets_the_translator_chosen_from_the_translators(client):
    logged_in(client, "Publisher")
    translator = make_user("Translator", username="tess")
    make_user("Reviewer", username="rob")
    story = make_story()

    page = run_action(client, "assign_translator", [story])
    choices = [label for _, label in page.context["form"].fields["translator"].choices]
    response = run_action(
        client, "assign_translator", [story], apply="yes", translator=translator.pk
    )

    assert choices == ["---------", "tess"]
    story.refresh_from_db()
    assert story.translator == translator
    assert story.events.get().action == "articles.story.assigned"
    assert messages_of(response) == [("success", "1 story assigned to tess.")]


def test_the_spike_action_needs_the_review_permission(client):
    logged_in(client, "Translator")
    story = make_story()

    actions = client.get(reverse(CHANGELIST)).context["action_form"].fields["action"].choices
    response = run_action(client, "spike_stories", [story])

    names = [name for name, _ in actions]
    assert "submit_stories" in names
    assert "assign_translator" in names
    assert not {"approve_stories", "spike_stories", "publish_stories"} & set(names)
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == S.NEW


@pytest.mark.parametrize(
    ("role", "actions"),
    [
        ("Reviewer", {"approve_stories", "spike_stories"}),
        ("Publisher", {"approve_stories", "spike_stories", "publish_stories", "schedule_stories"}),
    ],
)
def test_actions_are_offered_by_permission(client, role, actions):
    logged_in(client, role)
    make_story()

    choices = client.get(reverse(CHANGELIST)).context["action_form"].fields["action"].choices

    assert actions <= {name for name, _ in choices}


def test_assigned_to_me_lists_my_unfinished_stories(client):
    me = logged_in(client, "Translator")
    mine = make_story(translator=me, status=S.CHANGES_REQUESTED)
    make_published_story(translator=me)
    make_story(translator=me, status=S.SPIKED)
    make_story(translator=make_user("Translator"))

    assert listed(client, queue="mine") == {mine}


def test_awaiting_my_review_leaves_out_what_i_wrote_under_four_eyes(client, settings):
    settings.NEWSROOM_FOUR_EYES = True
    me = logged_in(client, "Reviewer")
    theirs = make_story(status=S.IN_REVIEW, written_by=make_user("Translator"))
    unassigned = make_story(status=S.IN_REVIEW)
    make_story(status=S.IN_REVIEW, written_by=me)
    make_story(status=S.APPROVED)

    assert listed(client, queue="review") == {theirs, unassigned}


def test_awaiting_my_review_includes_my_own_translations_without_four_eyes(client, settings):
    settings.NEWSROOM_FOUR_EYES = False
    me = logged_in(client, "Reviewer")
    own = make_story(status=S.IN_REVIEW, translator=me)

    assert listed(client, queue="review") == {own}


def test_a_translator_is_not_offered_a_review_queue(client):
    logged_in(client, "Translator")
    make_story(status=S.IN_REVIEW)

    html = client.get(reverse(CHANGELIST)).content.decode()

    assert "My queue" in html
    assert "Awaiting my review" not in html
    assert listed(client, queue="review") == set()


def test_the_list_filters_by_needs_update_language_and_translator(client):
    logged_in(client, "Reviewer")
    tess = make_user("Translator")
    behind = make_story(translation_status=Story.TranslationStatus.NEEDS_UPDATE, translator=tess)
    french = make_story(original_language="fr")

    assert listed(client, needs_update="yes") == {behind}
    assert behind not in listed(client, needs_update="no")
    assert listed(client, original_language="fr") == {french}
    assert listed(client, translator__id__exact=tess.pk) == {behind}


def test_the_list_shows_how_many_stories_stand_in_each_status(client):
    logged_in(client, "Reviewer")
    for status in [S.NEW, S.NEW, S.IN_REVIEW]:
        make_story(status=status)
    make_published_story()

    response = client.get(reverse(CHANGELIST))

    counts = {row["value"]: row["count"] for row in response.context["status_counts"]}
    assert counts == {
        "new": 2,
        "in_review": 1,
        "update_in_review": 0,
        "changes_requested": 0,
        "approved": 0,
        "published": 1,
        "withdrawn": 0,
        "spiked": 0,
    }
    assert 'href="?status__exact=new">New <span class="count">2</span>' in response.content.decode()


@pytest.mark.parametrize("stories", [1, 30])
def test_the_story_list_takes_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, stories
):
    logged_in(client, "Publisher")
    translator = make_user("Translator")
    for n in range(stories):
        make_published_story(translator=translator, tags=[f"tag{n % 3}"])

    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        response = client.get(reverse(CHANGELIST))

    assert len(response.context["cl"].result_list) == stories
