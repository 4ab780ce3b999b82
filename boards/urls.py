from django.urls import path

from boards import views, views_manage

urlpatterns = [
    path("", views.index, name="boards"),
    path("meetings.ics", views.meetings_ics, name="boards-meetings-ics"),
    path("governance/", views.governance, name="boards-governance"),
    path("raise-an-item/", views.raise_item, name="boards-raise-item"),
    path("raise-an-item/sent/", views.raise_item_sent, name="boards-raise-item-sent"),
    path("papers/<int:pk>/", views.paper_file, name="board-paper-file"),
    path("minutes/<int:pk>/", views.minutes_file, name="board-minutes-file"),
    path("manage/raised-items/", views_manage.triage, name="boards-triage"),
    path("manage/raised-items/<int:pk>/", views_manage.raised_item, name="boards-raised-item"),
    path("manage/meetings/", views_manage.meetings, name="boards-meetings"),
    path("manage/meetings/new/", views_manage.meeting_create, name="boards-meeting-create"),
    path("manage/meetings/<int:pk>/", views_manage.meeting_manage, name="boards-meeting-manage"),
    path("manage/meetings/<int:pk>/change/", views_manage.meeting_edit, name="boards-meeting-edit"),
    path("manage/meetings/<int:pk>/cancel/", views_manage.meeting_cancel, name="boards-meeting-cancel"),
    path("manage/agenda-items/<int:pk>/", views_manage.agenda_item_edit, name="boards-agenda-item-edit"),
    path("manage/papers/<int:pk>/", views_manage.paper_edit, name="boards-paper-edit"),
    path("manage/<slug:slug>/terms-of-reference/new/", views_manage.terms_add, name="boards-terms-add"),
    path(
        "manage/<slug:slug>/terms-of-reference/<int:version>/withdraw/",
        views_manage.terms_withdraw,
        name="boards-terms-withdraw",
    ),
    path("manage/<slug:slug>/members/", views_manage.members, name="boards-members"),
    path("<slug:slug>/", views.board_detail, name="board-detail"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="board-meeting"),
    path("<slug:slug>/terms-of-reference/<int:version>/", views.terms_detail, name="board-terms"),
    path("<slug:slug>/terms-of-reference/<int:version>/document/", views.terms_file, name="board-terms-file"),
]
