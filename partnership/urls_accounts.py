from django.contrib.auth import views as auth_views
from django.urls import path

from partnership import views_accounts as views
from partnership import views_calendar
from partnership.forms import ChooseNewPasswordForm

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/backup-codes/", views.backup_codes, name="backup-codes"),
    path("calendar/", views_calendar.calendar, name="calendar"),
    path("calendar/reset/", views_calendar.calendar_reset, name="calendar-reset"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("password-reset/", views.ResetPasswordView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(post_reset_login=False, form_class=ChooseNewPasswordForm),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
