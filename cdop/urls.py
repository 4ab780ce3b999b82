from django.urls import path

from cdop import views, views_agencies, views_cases, views_form_b, views_panel, views_reports

urlpatterns = [
    # Public: the notification and Form B by link
    path("notify/", views.notify_start, name="cdop-notify"),
    path("notify/check/", views.notify_check, name="cdop-notify-check"),
    path("notify/sent/", views.notify_sent, name="cdop-notify-sent"),
    path("notify/<slug:step>/", views.notify_step, name="cdop-notify-step"),
    path("form-b/<int:pk>/link/<str:token>/", views.form_b_link, name="cdop-form-b-link"),
    path(
        "form-b/<int:pk>/link/<str:token>/documents/<int:document>/",
        views.form_b_link_document,
        name="cdop-form-b-link-document",
    ),
    path("form-b/done/", views.form_b_done, name="cdop-form-b-done"),
    # The coordinator and the panel
    path("", views_cases.case_list, name="cdop-case-list"),
    path("cases/<int:pk>/", views_cases.case_detail, name="cdop-case"),
    path("cases/<int:pk>/identity/", views_cases.case_identity, name="cdop-case-identity"),
    path("cases/<int:pk>/decisions/", views_cases.case_triage, name="cdop-case-triage"),
    path("cases/<int:pk>/refer/", views_cases.case_refer, name="cdop-case-refer"),
    path("cases/<int:pk>/death-details/", views_cases.death_details, name="cdop-case-death-details"),
    path("cases/<int:pk>/death/", views_cases.case_death, name="cdop-case-death"),
    path("cases/<int:pk>/merge/", views_cases.case_merge, name="cdop-case-merge"),
    path("cases/<int:pk>/jar/", views_cases.jar_edit, name="cdop-jar"),
    path("cases/<int:pk>/meetings/", views_cases.case_meetings, name="cdop-case-meetings"),
    path("cases/<int:pk>/send-to-panel/", views_cases.case_send_to_panel, name="cdop-case-send-to-panel"),
    path("cases/<int:pk>/close/", views_cases.case_close, name="cdop-case-close"),
    path("cases/<int:pk>/form-b/new/", views_form_b.form_b_new, name="cdop-form-b-new"),
    path("cases/<int:pk>/form-b/new-agency/", views_form_b.form_b_new_agency, name="cdop-form-b-new-agency"),
    path("panel/<int:pk>/", views_cases.panel_detail, name="cdop-panel"),
    path("panel/<int:pk>/analysis/", views_cases.analysis_edit, name="cdop-analysis"),
    # Panel meetings
    path("meetings/", views_panel.meeting_list, name="cdop-meetings"),
    path("meetings/new/", views_panel.meeting_new, name="cdop-meeting-new"),
    path("meetings/<int:pk>/", views_panel.meeting_detail, name="cdop-meeting"),
    path("meetings/<int:pk>/edit/", views_panel.meeting_edit, name="cdop-meeting-edit"),
    path("meetings/<int:pk>/agenda/", views_panel.agenda_add, name="cdop-meeting-agenda"),
    path(
        "meetings/<int:pk>/agenda/<int:case_pk>/remove/",
        views_panel.agenda_remove,
        name="cdop-meeting-agenda-remove",
    ),
    path("meetings/<int:pk>/invite/", views_panel.meeting_invite, name="cdop-meeting-invite"),
    path("meetings/<int:pk>/cancel/", views_panel.meeting_cancel, name="cdop-meeting-cancel"),
    path("meetings/<int:pk>/pack/", views_panel.meeting_pack, name="cdop-meeting-pack"),
    path("meetings/<int:pk>/pack/issue/", views_panel.pack_issue, name="cdop-meeting-pack-issue"),
    # Form B for signed-in people
    path("form-b/", views_form_b.form_b_list, name="cdop-form-b-list"),
    path("form-b/<int:pk>/", views_form_b.form_b_detail, name="cdop-form-b"),
    path("form-b/<int:pk>/edit/", views_form_b.form_b_edit, name="cdop-form-b-edit"),
    path("form-b/<int:pk>/resend/", views_form_b.form_b_resend, name="cdop-form-b-resend"),
    path("form-b/<int:pk>/revoke/", views_form_b.form_b_revoke, name="cdop-form-b-revoke"),
    path("form-b/<int:pk>/return/", views_form_b.form_b_return, name="cdop-form-b-return"),
    path("form-b/<int:pk>/documents/<int:document>/", views_form_b.form_b_document, name="cdop-form-b-document"),
    # The agency directory
    path("agencies/", views_agencies.agency_list, name="cdop-agency-list"),
    path("agencies/new/", views_agencies.agency_new, name="cdop-agency-new"),
    path("agencies/<int:pk>/", views_agencies.agency_detail, name="cdop-agency"),
    path("agencies/<int:pk>/edit/", views_agencies.agency_edit, name="cdop-agency-edit"),
    path("agencies/<int:pk>/active/", views_agencies.agency_active, name="cdop-agency-active"),
    path("agencies/<int:pk>/people/new/", views_agencies.contact_new, name="cdop-contact-new"),
    path("agencies/people/<int:pk>/edit/", views_agencies.contact_edit, name="cdop-contact-edit"),
    path("agencies/people/<int:pk>/active/", views_agencies.contact_active, name="cdop-contact-active"),
    # Reports
    path("export.csv", views_reports.export_csv, name="cdop-export-csv"),
    path("export.json", views_reports.export_json, name="cdop-export-json"),
    path("export.xlsx", views_reports.export_xlsx, name="cdop-export-xlsx"),
    path("export-form-b.csv", views_reports.export_form_b_csv, name="cdop-export-form-b-csv"),
    path("figures/", views_reports.figures, name="cdop-figures"),
]
