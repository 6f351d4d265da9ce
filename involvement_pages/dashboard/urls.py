from django.urls import path

from . import views

app_name = "involvement_dashboard"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="index"),
    path("csv/<slug:slug>/", views.TableCSVView.as_view(), name="csv"),
]
