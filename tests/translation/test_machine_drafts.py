"""Machine drafts: none by default, DeepL and LibreTranslate on local servers, safe failures."""

import pytest
from django.urls import reverse

from articles.models import OriginalVersion, Story, WorkflowError
from tests.conftest import make_story, make_user
from tests.translation.servers import DeepL, LibreTranslate, serve
from translation.backends.deepl import DeepLBackend
from translation.backends.libretranslate import LibreTranslateBackend
from translation.drafts import create_machine_draft
from translation.machine import DemoBackend, MachineTranslationError, get_backend

pytestmark = pytest.mark.django_db

T = Story.TranslationStatus


@pytest.fixture(autouse=True)
def quick_engines(settings):
    settings.NEWSROOM_MT_TIMEOUT = 0.5
    settings.NEWSROOM_MT_RETRIES = 0


@pytest.fixture
def story():
    story = make_story(
        headline="Putin sieht Offensive gescheitert",
        standfirst="",
        body="",
        translation_status=T.UNTRANSLATED,
        original_language="de",
    )
    OriginalVersion.objects.create(
        story=story,
        number=1,
        headline="Putin sieht Offensive gescheitert",
        body="Erster Absatz.\n\n## Zwischentitel\n\nZweiter Absatz.",
    )
    return story


def unchanged(story):
    before = (story.headline, story.body, story.translation_status, story.lock_version)
    story.refresh_from_db()
    return (story.headline, story.body, story.translation_status, story.lock_version) == before


def test_no_engine_is_the_default_and_says_so(story):
    assert get_backend().name == "none"

    with pytest.raises(MachineTranslationError, match="No machine translation engine"):
        create_machine_draft(story, by=make_user("Translator"))

    assert unchanged(story)


def test_a_draft_fills_the_translation_paragraph_by_paragraph_and_records_the_engine(story):
    create_machine_draft(story, by=make_user("Translator"), backend=DemoBackend())

    story.refresh_from_db()
    assert story.headline == "[de→en-GB] Putin sieht Offensive gescheitert"
    assert story.body == (
        "[de→en-GB] Erster Absatz.\n\n## [de→en-GB] Zwischentitel\n\n[de→en-GB] Zweiter Absatz."
    )
    assert story.standfirst == "", "an empty standfirst is not sent to the engine"
    assert story.translation_status == T.MACHINE_DRAFT
    assert (story.translation_method, story.machine_engine) == ("machine", "Demo engine")
    assert story.events.last().note == "Drafted by Demo engine."
    assert story.revisions.first().body == story.body


def test_only_an_untranslated_story_gets_a_draft(story):
    story.start_translation(by=make_user("Translator"))

    with pytest.raises(WorkflowError, match="Only an untranslated story gets a machine draft"):
        create_machine_draft(story, by=make_user("Translator"), backend=DemoBackend())


def test_deepl_drafts_through_the_official_client(story, settings):
    settings.NEWSROOM_MT_DEEPL_AUTH_KEY = DeepL.key
    with serve(DeepL) as (url, seen):
        settings.NEWSROOM_MT_DEEPL_SERVER_URL = url
        create_machine_draft(story, by=make_user("Translator"), backend=get_backend("deepl"))

    story.refresh_from_db()
    assert (
        story.body == "EN-GB: Erster Absatz.\n\n## EN-GB: Zwischentitel\n\nEN-GB: Zweiter Absatz."
    )
    assert story.machine_engine == "DeepL"
    request = seen[0]
    assert request["headers"]["Authorization"] == "DeepL-Auth-Key right-key"
    assert request["json"]["source_lang"] == "DE"
    assert request["json"]["text"][0] == "Putin sieht Offensive gescheitert"


@pytest.mark.parametrize(
    ("key", "behaviour", "reason"),
    [
        ("wrong-key", "ok", "DeepL refused the API key"),
        ("right-key", "quota", "DeepL's quota for this billing period is used up"),
        ("right-key", "slow", "DeepL could not be reached or did not answer in time"),
    ],
)
def test_a_deepl_failure_leaves_the_story_unchanged_and_says_why(story, key, behaviour, reason):
    with serve(DeepL, behaviour) as (url, _seen):
        backend = DeepLBackend(auth_key=key, server_url=url)
        with pytest.raises(MachineTranslationError, match=reason):
            create_machine_draft(story, by=make_user("Translator"), backend=backend)

    assert unchanged(story)
    assert not story.revisions.exists()


def test_libretranslate_drafts_over_http(story, settings):
    settings.NEWSROOM_MT_LIBRETRANSLATE_API_KEY = LibreTranslate.key
    with serve(LibreTranslate) as (url, seen):
        settings.NEWSROOM_MT_LIBRETRANSLATE_URL = url
        create_machine_draft(
            story, by=make_user("Translator"), backend=get_backend("libretranslate")
        )

    story.refresh_from_db()
    assert story.body == "en: Erster Absatz.\n\n## en: Zwischentitel\n\nen: Zweiter Absatz."
    assert seen[0]["json"]["source"] == "de"
    assert seen[0]["json"]["format"] == "text"


@pytest.mark.parametrize(
    ("key", "behaviour", "reason"),
    [
        ("wrong-key", "ok", "LibreTranslate refused the API key: Invalid API key"),
        ("right-key", "limit", "LibreTranslate's limit is reached: Slowdown"),
        ("right-key", "slow", "LibreTranslate did not answer in time"),
    ],
)
def test_a_libretranslate_failure_leaves_the_story_unchanged_and_says_why(
    story, key, behaviour, reason
):
    with serve(LibreTranslate, behaviour) as (url, _seen):
        backend = LibreTranslateBackend(url=url, api_key=key)
        with pytest.raises(MachineTranslationError, match=reason):
            create_machine_draft(story, by=make_user("Translator"), backend=backend)

    assert unchanged(story)


def test_an_edit_made_while_the_engine_worked_wins(story):
    class SlowEngine(DemoBackend):
        def translate(self, texts, *, source, target):
            Story.objects.filter(pk=story.pk).update(lock_version=story.lock_version + 1)
            return super().translate(texts, source=source, target=target)

    with pytest.raises(WorkflowError, match="changed while the machine translated it"):
        create_machine_draft(story, by=make_user("Translator"), backend=SlowEngine())

    story.refresh_from_db()
    assert story.translation_status == T.UNTRANSLATED


def test_a_draft_that_a_person_edited_is_machine_post_edited(story):
    translator = make_user("Translator")
    create_machine_draft(story, by=translator, backend=DemoBackend())
    story.refresh_from_db()
    story.body = story.body.replace("[de→en-GB] Erster Absatz.", "First paragraph.")
    story.save_edit(by=translator, base_version=story.lock_version)

    story.mark_translated(by=translator)

    assert story.translation_method == Story.TranslationMethod.MACHINE_POST_EDITED


def test_an_unedited_draft_stays_a_machine_translation(story):
    translator = make_user("Translator")
    create_machine_draft(story, by=translator, backend=DemoBackend())
    story.refresh_from_db()

    story.mark_translated(by=translator)

    assert story.translation_method == Story.TranslationMethod.MACHINE


def test_a_machine_translation_needs_a_named_reviewer_to_publish():
    story = make_story(
        status=Story.Status.APPROVED, translation_method=Story.TranslationMethod.MACHINE
    )

    with pytest.raises(WorkflowError, match="needs a named reviewer"):
        story.publish(by=make_user("Publisher"))


def test_the_admin_button_queues_the_draft_and_the_worker_makes_it(
    client, story, settings, run_tasks
):
    settings.NEWSROOM_MT_BACKEND = "demo"
    client.force_login(make_user("Translator"))
    change = reverse("admin:articles_story_change", args=[story.pk])
    url = reverse("admin:articles_story_machine_draft", args=[story.pk])

    assert url in client.get(change).content.decode()
    response = client.post(url, follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert any("machine draft asked of Demo engine" in m for m in messages), messages
    assert unchanged(story), "the request only queues the draft"
    assert "Machine draft requested" in response.text

    run_tasks()

    story.refresh_from_db()
    assert story.translation_status == T.MACHINE_DRAFT
    assert story.machine_engine == "Demo engine"


def test_an_engine_failure_in_the_worker_goes_on_the_timeline(client, story, settings, run_tasks):
    translator = make_user("Translator")
    settings.NEWSROOM_MT_BACKEND = "deepl"
    settings.NEWSROOM_MT_DEEPL_AUTH_KEY = DeepL.key
    with serve(DeepL, "quota") as (url, _seen):
        settings.NEWSROOM_MT_DEEPL_SERVER_URL = url
        client.force_login(translator)
        client.post(reverse("admin:articles_story_machine_draft", args=[story.pk]))
        run_tasks()

    assert unchanged(story)
    failed = story.events.get(action="articles.translation.machine_draft_failed")
    assert failed.actor == translator
    assert "DeepL's quota for this billing period is used up" in failed.note
    page = client.get(reverse("admin:articles_story_change", args=[story.pk])).text
    assert "Machine draft failed" in page


def test_the_admin_reports_a_failure_without_changing_the_story(client, story):
    client.force_login(make_user("Translator"))
    url = reverse("admin:articles_story_machine_draft", args=[story.pk])

    assert "No machine translation engine is configured" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert unchanged(story)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "No machine draft: No machine translation engine is configured (NEWSROOM_MT_BACKEND)."
    ]
