from django.urls import path

from cdop import views, views_cases, views_form_b, views_reports

urlpatterns = [
    # Public: the notification and Form B by link
    path("notify/", views.notify_start, name="cdop-notify"),
    path("notify/check/", views.notify_check, name="cdop-notify-check"),
    path("notify/sent/", views.notify_sent, name="cdop-notify-sent"),
    path("notify/<slug:step>/", views.notify_step, name="cdop-notify-step"),
    path("form-b/<int:pk>/link/<str:token>/", views.form_b_link, name="cdop-form-b-link"),
    path("form-b/done/", views.form_b_done, name="cdop-form-b-done"),
    # The coordinator and the panel
    path("", views_cases.case_list, name="cdop-case-list"),
    path("cases/<int:pk>/", views_cases.case_detail, name="cdop-case"),
    path("cases/<int:pk>/identity/", views_cases.case_identity, name="cdop-case-identity"),
    path("cases/<int:pk>/decisions/", views_cases.case_triage, name="cdop-case-triage"),
    path("cases/<int:pk>/refer/", views_cases.case_refer, name="cdop-case-refer"),
    path("cases/<int:pk>/death/", views_cases.case_death, name="cdop-case-death"),
    path("cases/<int:pk>/merge/", views_cases.case_merge, name="cdop-case-merge"),
    path("cases/<int:pk>/jar/", views_cases.jar_edit, name="cdop-jar"),
    path("cases/<int:pk>/meetings/", views_cases.case_meetings, name="cdop-case-meetings"),
    path("cases/<int:pk>/send-to-panel/", views_cases.case_send_to_panel, name="cdop-case-send-to-panel"),
    path("cases/<int:pk>/close/", views_cases.case_close, name="cdop-case-close"),
    path("cases/<int:pk>/form-b/new/", views_form_b.form_b_new, name="cdop-form-b-new"),
    path("panel/<int:pk>/", views_cases.panel_detail, name="cdop-panel"),
    path("panel/<int:pk>/analysis/", views_cases.analysis_edit, name="cdop-analysis"),
    # Form B for signed-in people
    path("form-b/", views_form_b.form_b_list, name="cdop-form-b-list"),
    path("form-b/<int:pk>/", views_form_b.form_b_detail, name="cdop-form-b"),
    path("form-b/<int:pk>/edit/", views_form_b.form_b_edit, name="cdop-form-b-edit"),
    path("form-b/<int:pk>/resend/", views_form_b.form_b_resend, name="cdop-form-b-resend"),
    path("form-b/<int:pk>/revoke/", views_form_b.form_b_revoke, name="cdop-form-b-revoke"),
    # Reports
    path("export.csv", views_reports.export_csv, name="cdop-export-csv"),
    path("export.json", views_reports.export_json, name="cdop-export-json"),
    path("figures/", views_reports.figures, name="cdop-figures"),
]
