from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from kring import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include("kring.accounts.urls")),
    path("clienten/", include("kring.clients.urls")),
    path("clienten/<int:pk>/netwerk/", include("kring.network.urls")),
    path("clienten/<int:pk>/netwerk/sessie/", include("kring.network.session_urls")),
    path("clienten/<int:pk>/levenslijn/", include("kring.lifeline.urls")),
    path("clienten/<int:pk>/gesprekken/", include("kring.support.meeting_urls")),
    path("clienten/<int:pk>/werk/", include("kring.support.urls")),
    path("clienten/<int:pk>/werk/", include("kring.support.intervention_urls")),
    path("clienten/<int:pk>/vragenlijsten/", include("kring.measures.questionnaire_urls")),
    path("clienten/<int:pk>/netwerk/maten/", include("kring.measures.network_urls")),
    path("", include("kring.measures.signal_urls")),
    path("inzicht/", include("kring.insights.dashboard_urls")),
    path("inzicht/randvoorwaarden/", include("kring.insights.monitor_urls")),
    path("inzicht/training/", include("kring.insights.training_urls")),
    path("inzicht/intervisie/", include("kring.insights.consultation_urls")),
    path("clienten/<int:pk>/naasten/", include("kring.support.load_urls")),
    path("naasten/", include("kring.support.sheet_urls")),
    path("clienten/<int:pk>/toestemming/", include("kring.clients.consent_urls")),
    path("clienten/<int:pk>/paspoort/", include("kring.clients.passport_urls")),
    path("acties/", include("kring.support.worklist_urls")),
    path("plekken/", include("kring.places.urls")),
    path("clienten/<int:pk>/plekken/", include("kring.places.client_urls")),
    path("", include("kring.clients.transfer_urls")),
    path("", include("kring.exchange.urls")),
    path("toegangslog/", include("kring.audit.urls")),
    path("beheer/vraagkaarten/", include("kring.network.prompt_urls")),
    path("beheer/werkwijze/", include("kring.support.catalogue_urls")),
    path("beheer/organisatie/", include("kring.accounts.organisation_urls")),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
]

handler404 = "kring.views.page_not_found"
handler500 = "kring.views.server_error"
