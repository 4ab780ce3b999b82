from django.urls import path

from partnership import views

urlpatterns = [
    path("", views.staff_home, name="staff-home"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
]
