from django.urls import path

from kring.support import views

app_name = "worklist"
urlpatterns = [path("", views.worklist, name="mine")]
