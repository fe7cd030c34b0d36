"""The organisation's list of what-works elements and forms, at /beheer/werkwijze/ (organisation admin)."""

from django.urls import path

from kring.support import catalogue_views as views

app_name = "catalogue"
urlpatterns = [path("", views.catalogue_list, name="list")]

for kind, segment in (("element", "elementen"), ("mode", "vormen")):
    urlpatterns += [
        path(f"{segment}/nieuw/", views.entry_new, {"kind": kind}, name=f"{kind}_new"),
        path(f"{segment}/<int:pk>/", views.entry_edit, {"kind": kind}, name=f"{kind}_edit"),
        path(f"{segment}/<int:pk>/omhoog/", views.entry_reorder, {"kind": kind, "step": -1}, name=f"{kind}_move_up"),
        path(f"{segment}/<int:pk>/omlaag/", views.entry_reorder, {"kind": kind, "step": 1}, name=f"{kind}_move_down"),
        path(
            f"{segment}/<int:pk>/aanzetten/",
            views.entry_switch,
            {"kind": kind, "active": True},
            name=f"{kind}_switch_on",
        ),
        path(
            f"{segment}/<int:pk>/uitzetten/",
            views.entry_switch,
            {"kind": kind, "active": False},
            name=f"{kind}_switch_off",
        ),
    ]
