from django.urls import path

from kring.clients.views import client_detail  # placeholder until this part is built

app_name = "lifeline"
urlpatterns = [path("", client_detail, name="timeline")]
