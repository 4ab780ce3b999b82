from django.urls import path

from partnership import views

urlpatterns = [
    path("", views.staff_home, name="staff-home"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
    path("emails/not-delivered/", views.emails_undelivered, name="emails-undelivered"),
    path("emails/<int:pk>/send-again/", views.email_resend, name="email-resend"),
]
