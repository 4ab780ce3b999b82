from django.urls import path

from audits import views

app_name = "audits"

urlpatterns = [
    path("", views.cycle_list, name="cycle-list"),
    path("tools/versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("tools/<int:pk>/draft/", views.version_draft, name="version-draft"),
    path("tools/versions/<int:pk>/publish/", views.version_publish, name="version-publish"),
    path("cycles/new/", views.cycle_create, name="cycle-create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle-detail"),
    path("cycles/<int:pk>/open/", views.cycle_open, name="cycle-open"),
    path("cycles/<int:pk>/close/", views.cycle_close, name="cycle-close"),
    path("cycles/<int:pk>/heat-map/", views.heat_map, name="heat-map"),
    path("cycles/<int:pk>/export.xlsx", views.cycle_export, name="cycle-export"),
    path("cycles/<int:pk>/export.csv", views.cycle_export_csv, name="cycle-export-csv"),
    path("returns/", views.my_returns, name="my-returns"),
    path("returns/<int:pk>/", views.return_detail, name="return-detail"),
    path("returns/<int:pk>/areas/<int:area_pk>/", views.area_edit, name="area-edit"),
    path("returns/<int:pk>/submit/", views.return_submit, name="return-submit"),
    path("returns/<int:pk>/remind/", views.return_chase, name="return-chase"),
    path("returns/<int:pk>/review/", views.return_review, name="return-review"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("organisations/<int:pk>/", views.organisation_history, name="organisation-history"),
]
