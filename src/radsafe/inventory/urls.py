from django.urls import include, path

app_name = "inventory"

urlpatterns = [
    path("", include("radsafe.inventory.urls_assets")),
    path("", include("radsafe.inventory.urls_register")),
    path("import/", include("radsafe.inventory.import_urls")),
]
