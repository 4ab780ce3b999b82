from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from partnership import health, outbox, permissions, selectors, services
from partnership.errors import refusal_shown
from partnership.forms import InvitationForm
from partnership.pagination import Paginator

MY_WORK_PAGE_SIZE = 50
UNDELIVERED_PAGE_SIZE = 50


@login_not_required
@never_cache
def healthz(request):
    """Liveness: 200 when the database answers, 503 when it does not. For load balancers and uptime checks."""
    if not health.database_answers():
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@never_cache
def readyz(request):
    """Readiness: 200 when the database, the cache and the task queue all work, else 503; names only, no detail."""
    checks = health.readiness()
    body = "".join(f"{name}: {'ok' if passed else 'failing'}\n" for name, passed in checks.items())
    return HttpResponse(body, status=200 if all(checks.values()) else 503, content_type="text/plain")


@permission_required(permissions.VIEW_MY_WORK, raise_exception=True)
def staff_home(request):
    """'My work': every clock this person answers for, overdue first, plus what each app adds."""
    page = Paginator(selectors.deadlines_for(request.user), MY_WORK_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "items": selectors.due_items(page.object_list),
        "page_obj": page,
        "panels": selectors.my_work_panels(request.user),
    }
    return render(request, "partnership/staff_home.html", context)


@permission_required(permissions.INVITE_USER, raise_exception=True)
def invitation_create(request):
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        invitation = services.invitation_create(**form.cleaned_data, by=request.user)
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("staff-home")
    context = {"form": form, "heading": "Invite someone to the portal", "button": "Send invitation"}
    return render(request, "partnership/invitation_form.html", context)


@permission_required(permissions.RESEND_EMAIL, raise_exception=True)
def emails_undelivered(request):
    """Emails the mail server did not take after every attempt, and those still being tried."""
    emails = Paginator(selectors.emails_undelivered(request.user), UNDELIVERED_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "emails": emails,
        "page_obj": emails,
        "max_attempts": settings.EMAIL_MAX_ATTEMPTS,
        "keep_days": settings.EMAIL_UNDELIVERED_KEEP_DAYS,
    }
    return render(request, "partnership/emails_undelivered.html", context)


@permission_required(permissions.RESEND_EMAIL, raise_exception=True)
@require_POST
def email_resend(request, pk):
    email = get_object_or_404(selectors.emails_undelivered(request.user), pk=pk)
    with refusal_shown(request):
        outbox.email_resend(email=email, by=request.user)
        messages.success(request, f"“{email.subject}” will be sent again.")
    return redirect("emails-undelivered")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
