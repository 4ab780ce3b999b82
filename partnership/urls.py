from django.urls import path

from partnership import views, views_annual_report, views_themes

urlpatterns = [
    path("", views.staff_home, name="staff-home"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
    path("emails/not-delivered/", views.emails_undelivered, name="emails-undelivered"),
    path("emails/<int:pk>/send-again/", views.email_resend, name="email-resend"),
    path("annual-report/", views_annual_report.annual_report_page, name="annual-report"),
    path("annual-report/figures.csv", views_annual_report.annual_report_csv, name="annual-report-csv"),
    path("annual-report/print/", views_annual_report.annual_report_print, name="annual-report-print"),
    path("annual-report/publish/", views_annual_report.annual_report_publish, name="annual-report-publish"),
    path("themes/", views_themes.theme_list, name="themes"),
    path("themes/export.csv", views_themes.theme_export, name="themes-export"),
    path("themes/<slug:slug>/", views_themes.theme_detail, name="theme-detail"),
]
