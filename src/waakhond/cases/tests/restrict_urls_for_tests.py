"""The project's URLs plus the restrict page, as `src/config/urls.py` mounts it once wired.

`path("staff/complaints/", include("waakhond.cases.restrict_urls"))` in the project's URLs;
the tests of the page use this module so they run the same before and after that line exists.
"""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("staff/complaints/", include("waakhond.cases.restrict_urls")),
    *project_urlpatterns,
]
