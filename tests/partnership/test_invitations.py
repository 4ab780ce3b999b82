"""Accounts by invitation: a signed, expiring, single-use link to set a password and enrol a second factor."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from partnership.models import Invitation, User
from partnership.roles import Role
from tests.html import error_summary, text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-enough-passphrase"


def invite(client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox):
    sign_in(manager)
    data = {
        "first_name": "Jo",
        "last_name": "Lead",
        "email": "jo.lead@agency.example",
        "organisation": agency.pk,
        "roles": [Group.objects.get(name=Role.AGENCY_USER.label).pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("invitation-create"), data, follow=True)
    assert "Invitation sent to jo.lead@agency.example." in text(response)
    client.logout()
    return re.search(r"https?://\S+(/accounts/invitation/\S+/)", mailoutbox[-1].body).group(1)


def test_an_invited_person_sets_a_password_then_must_enrol_a_second_factor(
    client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox
):
    path = invite(client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox)
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("two-factor-setup")
    user = User.objects.get(email="jo.lead@agency.example")
    assert user.organisation == agency and user.has_role(Role.AGENCY_USER)
    assert client.get("/staff/").status_code == 302  # nothing until the second factor is set up

    client.logout()
    response = client.get(path)
    assert response.status_code == 400
    assert "cannot be used" in text(response, "h1")


def test_an_expired_or_tampered_link_is_refused(
    client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox
):
    path = invite(client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox)
    assert client.get(path[:-3] + "xx/").status_code == 400
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 400
    assert not User.objects.filter(email="jo.lead@agency.example").exists()


def test_a_weak_password_is_refused_and_nothing_is_created(
    client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox
):
    path = invite(client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox)
    response = client.post(path, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert error_summary(response)
    assert Invitation.objects.get().accepted_at is None


def test_only_partnership_managers_may_invite(client, agency_user, sign_in):
    sign_in(agency_user)
    assert client.get(reverse("invitation-create")).status_code == 403


def test_inviting_someone_who_already_has_an_account_is_refused(client, manager, agency, sign_in):
    sign_in(manager)
    response = client.post(
        reverse("invitation-create"),
        {"first_name": "A", "last_name": "B", "email": manager.email.upper(), "organisation": agency.pk, "roles": []},
    )
    assert "Someone with this email address already has an account" in error_summary(response)
    assert not Invitation.objects.exists()


def test_a_second_invitation_for_the_same_address_is_refused_with_a_clear_page(
    client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox
):
    first = invite(client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox)
    second = invite(client, manager, agency, sign_in, django_capture_on_commit_callbacks, mailoutbox)
    client.post(first, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    user = User.objects.get(email="jo.lead@agency.example")

    for response in [
        client.get(second),
        client.post(second, {"new_password1": "another-passphrase-x", "new_password2": "another-passphrase-x"}),
    ]:
        assert response.status_code == 400
        assert text(response, "h1") == "You already have an account"
        assert "Sign in" in text(response)
    assert User.objects.filter(email__iexact="jo.lead@agency.example").count() == 1
    assert User.objects.get(pk=user.pk).password == user.password
    assert Invitation.objects.filter(accepted_at=None).count() == 1


def test_the_service_refuses_an_invitation_whose_address_already_has_an_account(manager, agency):
    from partnership import services

    invitations = [
        services.invitation_create(
            email="Jo.Lead@agency.example", first_name="Jo", last_name="Lead", organisation=agency, roles=[], by=manager
        )
        for _ in range(2)
    ]
    services.invitation_accept(invitation=invitations[0], password=NEW_PASSWORD)
    with pytest.raises(services.InvitationAccountExists):
        services.invitation_accept(invitation=invitations[1], password=NEW_PASSWORD)
    assert User.objects.filter(email="jo.lead@agency.example").count() == 1
    assert Invitation.objects.get(pk=invitations[1].pk).accepted_at is None
