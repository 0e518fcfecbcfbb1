from questionnaires.views import authoring, translations

app_name = "questionnaires"

urlpatterns = [
    *authoring.urlpatterns,
    *translations.urlpatterns,
]
