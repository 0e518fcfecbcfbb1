"""Version 1 of the JSON API: every app's endpoints on one router, so one root lists them all."""

from rest_framework.routers import DefaultRouter

from elearning.api.views import CourseViewSet
from insights.api.analytics import AnalyticsViewSet
from insights.api.views import SearchViewSet
from questionnaires.api.views import QuestionnaireViewSet
from reviews.api.cycles import CycleViewSet
from reviews.api.views import ReviewViewSet

router = DefaultRouter()
router.register("reviews", ReviewViewSet, basename="review")
router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")
router.register("cycles", CycleViewSet, basename="cycle")
router.register("courses", CourseViewSet, basename="course")
router.register("search", SearchViewSet, basename="search")
router.register("analytics", AnalyticsViewSet, basename="analytics")

urlpatterns = router.urls
