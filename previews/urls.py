from django.urls import path

from . import views

app_name = "previews"
urlpatterns = [
    path("<int:page_id>/", views.preview_links, name="links"),
    path("<int:page_id>/<int:link_id>/revoke/", views.revoke, name="revoke"),
]
