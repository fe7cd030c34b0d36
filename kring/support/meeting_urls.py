"""Meetings with the network of one client, under /clienten/<pk>/gesprekken/ (namespace "meetings")."""

from django.urls import path

from kring.support import meeting_views as views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nieuw/", views.meeting_add, name="add"),
    path("<int:meeting_pk>/", views.meeting_detail, name="detail"),
    path("<int:meeting_pk>/wijzigen/", views.meeting_edit, name="edit"),
    path("<int:meeting_pk>/afzeggen/", views.meeting_cancel, name="cancel"),
    path("<int:meeting_pk>/verwijderen/", views.meeting_remove, name="remove"),
    path("<int:meeting_pk>/verslag/", views.meeting_record, name="record"),
    path("<int:meeting_pk>/mogelijkheden/", views.meeting_options, name="options"),
    path("<int:meeting_pk>/mogelijkheden/<int:option_pk>/punt/", views.option_point_add, name="point_add"),
    path("<int:meeting_pk>/mogelijkheden/<int:option_pk>/weghalen/", views.option_remove, name="option_remove"),
    path("<int:meeting_pk>/punten/<int:point_pk>/weghalen/", views.point_remove, name="point_remove"),
    path("<int:meeting_pk>/besluit/", views.meeting_decide, name="decide"),
    path("<int:meeting_pk>/afspraken/nieuw/", views.agreement_add, name="agreement_add"),
    path("<int:meeting_pk>/samenvatting/", views.meeting_summary, name="summary"),
    path("<int:meeting_pk>/samenvatting/delen/", views.summary_share, name="summary_share"),
    path("<int:meeting_pk>/samenvatting/<int:share_pk>/", views.summary_print, name="summary_print"),
]
