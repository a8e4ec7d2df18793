"""The house glossary: forbidden variants flagged, exceptions respected, errors block approval."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import OriginalVersion, Story, WorkflowError
from ingest.importer import import_file
from tests.articles.test_admin_workflow import form_data
from tests.conftest import make_story, make_user
from translation.checks import check_story, forbidden_in
from translation.models import GlossaryTerm

pytestmark = pytest.mark.django_db

S = Story.Status


def kyiv():
    return GlossaryTerm.objects.get(rendering="Kyiv")


def test_the_migration_seeds_kyiv_and_zelenskyy_as_errors():
    terms = {t.rendering: t for t in GlossaryTerm.objects.all()}

    assert terms["Kyiv"].forbidden_variants == ["Kiev"]
    assert terms["Kyiv"].severity == GlossaryTerm.Severity.ERROR
    assert "Zelensky" in terms["Zelenskyy"].forbidden_variants
    assert "AP" in terms["Kyiv"].reason, "the reason names who moved to the new spelling"


def test_the_sample_story_is_flagged_for_kiev_but_not_for_kyiv(samples_dir):
    result = import_file(samples_dir / "scrape" / "stern-putin-kursk.txt")
    story = result.story

    findings = [f for f in check_story(story) if f.term.rendering == "Kyiv"]

    assert {f.found for f in findings} == {"Kiev"}, "Kyiv is the house spelling, Kiev is not"
    assert {f.where for f in findings} == {"standfirst", 1}
    assert all(f.is_error for f in findings)
    assert "write “Kyiv”" in findings[0].message


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Talks in Kiev resumed.", ["Kiev"]),
        ("KIEV, Ukraine — talks resumed.", ["KIEV"]),
        ("Kiev's mayor spoke.", ["Kiev"]),
        ("He ordered chicken Kiev.", []),
        ("The Kievan Rus was a medieval state.", []),
        ("“Kiev will stand,” the poster read.", []),
        ("Kyiv said so.", []),
    ],
)
def test_kiev_is_flagged_except_in_allowed_phrases_and_quotations(text, found):
    assert forbidden_in(text, kyiv()) == found


def test_a_missing_rendering_of_a_term_in_the_original_is_a_warning():
    story = make_story(body="Zelensky spoke.", original_language="de")
    OriginalVersion.objects.create(story=story, number=1, headline="X", body="Selenskyj sprach.")

    findings = check_story(story)

    kinds = {(f.kind, f.is_error) for f in findings if f.term.rendering == "Zelenskyy"}
    assert kinds == {("forbidden", True), ("missing", False)}


def test_a_glossary_error_blocks_approval():
    story = make_story(
        status=S.IN_REVIEW, body="Talks in Kiev.", translator=make_user("Translator")
    )

    with pytest.raises(WorkflowError, match="“Kiev” in paragraph 1: write “Kyiv”"):
        story.approve(by=make_user("Reviewer"))

    story.refresh_from_db()
    assert story.status == S.IN_REVIEW


def test_a_glossary_warning_does_not_block_approval():
    story = make_story(
        status=S.IN_REVIEW, body="Fighting in Donbass.", translator=make_user("Translator")
    )

    story.approve(by=make_user("Reviewer"))

    assert story.status == S.APPROVED


def test_an_inactive_term_is_not_checked():
    GlossaryTerm.objects.filter(rendering="Kyiv").update(is_active=False)
    story = make_story(
        status=S.IN_REVIEW, body="Talks in Kiev.", translator=make_user("Translator")
    )

    story.approve(by=make_user("Reviewer"))

    assert story.status == S.APPROVED


def test_the_editor_shows_the_warning_beside_its_paragraph(client):
    client.force_login(make_user("Translator"))
    story = make_story(body="Talks in Kiev.\n\nFighting in Donbass.")
    OriginalVersion.objects.create(story=story, number=1, headline="X", body="Eins.\n\nZwei.")

    response = client.get(reverse("admin:articles_story_change", args=[story.pk]))

    rows = [row for row in response.context["aligned_rows"] if "number" in row]
    assert [[f.found for f in row["findings"]] for row in rows] == [["Kiev"], ["Donbass"]]
    assert "“Kiev” in paragraph 1: write “Kyiv”." in response.content.decode()


def test_saving_the_story_reports_the_terminology(client):
    client.force_login(make_user("Translator"))
    story = make_story(body="Talks resumed.")
    response = client.post(
        reverse("admin:articles_story_change", args=[story.pk]),
        form_data(story, story.lock_version, body="Talks in Kiev resumed."),
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert any("Terminology: “Kiev” in paragraph 1" in m for m in messages), messages
    assert any("must be fixed before approval" in m for m in messages), messages


def test_the_review_page_shows_the_findings_and_the_refusal(client):
    client.force_login(make_user("Reviewer"))
    story = make_story(
        status=S.IN_REVIEW, body="Talks in Kiev.", translator=make_user("Translator")
    )

    html = client.get(
        reverse("admin:articles_story_transition", args=[story.pk, "approve"])
    ).content.decode()

    assert "This step is refused as things stand: The text breaks the house glossary" in html
    assert "Terminology" in html


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [("Translator", False), ("Reviewer", True), ("Publisher", True), ("Moderator", False)],
)
def test_the_glossary_is_edited_by_reviewers_and_publishers(role, may_edit):
    group = Group.objects.get(name=role)
    codenames = set(group.permissions.values_list("codename", flat=True))

    assert ("change_glossaryterm" in codenames) is may_edit, role
    assert ("view_glossaryterm" in codenames) is (role != "Moderator"), role


def test_a_reviewer_adds_a_term_in_the_admin(client):
    client.force_login(make_user("Reviewer"))

    response = client.post(
        reverse("admin:translation_glossaryterm_add"),
        {
            "rendering": "Mykolaiv",
            "forbidden": "Nikolaev\nNikolayev",
            "severity": "warning",
            "reason": "Ukrainian transliteration.",
            "term": "Mykolajiw",
            "source_language": "de",
            "exceptions": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert GlossaryTerm.objects.get(rendering="Mykolaiv").forbidden_variants == [
        "Nikolaev",
        "Nikolayev",
    ]
