from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("cases.csv", views.case_export, name="case-export"),
    path("refer/", views.case_refer, name="case-refer"),
    path("figures/", views.annual_figures, name="annual-figures"),
    path("actions/", views.action_list, name="action-list"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/children/", views.case_identities, name="case-identities"),
    path("<int:pk>/summary/", views.case_summary, name="case-summary"),
    path("<int:pk>/<slug:step>/", views.case_step, name="case-step"),
]
