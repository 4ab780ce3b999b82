from django.urls import path

from content import views, views_editor, views_revisions

editor = [
    path("editor/", views_editor.editor_home, name="editor-home"),
    path("editor/pages/new/", views_editor.page_create, name="page-create"),
    path("editor/pages/<int:pk>/", views_editor.page_preview, name="page-preview"),
    path("editor/pages/<int:pk>/edit/", views_editor.page_edit, name="page-edit"),
    path("editor/pages/<int:pk>/publish/", views_editor.page_publish, name="page-publish"),
    path("editor/pages/<int:pk>/unpublish/", views_editor.page_unpublish, name="page-unpublish"),
    path("editor/pages/<int:pk>/versions/", views_editor.page_versions, name="page-versions"),
    path("editor/publications/new/", views_editor.publication_create, name="publication-create"),
    path("editor/publications/<int:pk>/", views_editor.publication_preview, name="publication-preview"),
    path("editor/publications/<int:pk>/edit/", views_editor.publication_edit, name="publication-edit"),
    path("editor/publications/<int:pk>/publish/", views_editor.publication_publish, name="publication-publish"),
    path("editor/publications/<int:pk>/unpublish/", views_editor.publication_unpublish, name="publication-unpublish"),
    path("editor/publications/<int:pk>/versions/", views_editor.publication_versions, name="publication-versions"),
    path("editor/versions/<int:pk>/", views_revisions.version, name="content-version"),
    path("editor/versions/<int:pk>/restore/", views_revisions.version_restore, name="content-version-restore"),
    path("editor/versions/<int:pk>/unschedule/", views_revisions.version_unschedule, name="content-version-unschedule"),
    path("editor/alerts/new/", views_editor.alert_create, name="alert-create"),
    path("editor/alerts/<int:pk>/end/", views_editor.alert_end, name="alert-end"),
    path("editor/messages/", views_editor.contact_messages, name="contact-messages"),
    path("editor/messages/<int:pk>/handled/", views_editor.contact_message_handle, name="contact-message-handle"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact-sent"),
    path("search/", views.search, name="search"),
    path("publications/", views.publications, name="publications"),
    path("publications/<slug:slug>/", views.publication, name="publication"),
    path("publications/<slug:slug>/download/", views.publication_download, name="publication-download"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    *editor,
    # Last: every other address is a page of the tree.
    path("<path:path>/", views.page, name="page"),
]
