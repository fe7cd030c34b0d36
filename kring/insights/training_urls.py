from django.http import Http404
from django.urls import path

app_name = "training"


def _not_yet(request):  # replaced by the real views
    raise Http404


urlpatterns = [path("", _not_yet, name="home")]
