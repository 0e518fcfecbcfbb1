from rest_framework.routers import DefaultRouter

from reviews.api.views import QuestionnaireViewSet, ReviewViewSet

router = DefaultRouter()
router.register("reviews", ReviewViewSet, basename="review")
router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")

urlpatterns = router.urls
