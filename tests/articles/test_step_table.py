"""The table of steps carries what its edges need: the admin reads its labels, messages,
notes and bulk actions from there, so a step is one row and one model method."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from articles.admin_views import done_message
from articles.forms import TransitionForm
from articles.models import Story
from articles.transitions import TRANSITIONS
from tests.conftest import make_story

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", TRANSITIONS)
def test_every_step_has_a_model_method_a_label_and_a_done_message(name):
    transition = TRANSITIONS[name]

    assert callable(getattr(Story, name))
    assert str(transition.label)
    assert str(transition.done).endswith(".")
    assert done_message(make_story(), name).endswith(str(transition.done))


@pytest.mark.parametrize("name", TRANSITIONS)
def test_the_confirmation_form_takes_its_note_and_time_from_the_row(name):
    transition = TRANSITIONS[name]

    form = TransitionForm(transition)

    assert form.fields["note"].required is transition.note_required
    assert form.fields["note"].label == transition.note_field_label()
    assert ("at" in form.fields) is transition.asks_time


def test_every_step_with_a_bulk_text_is_an_action_on_the_story_list(admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    actions = admin.site.get_model_admin(Story).get_actions(request)

    for transition in TRANSITIONS.values():
        if transition.bulk:
            _function, _name, description = actions[f"{transition.name}_stories"]
            assert description == transition.bulk.description
    assert "schedule_stories" in actions
