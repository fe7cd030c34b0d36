from django.urls import path

from kring.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("inloggen/", views.login_view, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("taal/", views.set_language, name="language"),
    path("wachtwoord/", views.password_change, name="password_change"),
    path("tweestaps/", views.mfa_verify, name="mfa_verify"),
    path("tweestaps/instellen/", views.mfa_enrol, name="mfa_enrol"),
    path("tweestaps/reservecodes/", views.backup_codes, name="backup_codes"),
]
