from django.urls import path

from revmod.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("profile/", views.profile, name="profile"),
    path("people/", views.people, name="people"),
    path("api-token/", views.api_token, name="api_token"),
    path("sessions/", views.sessions, name="sessions"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/recovery-codes.txt", views.two_factor_codes, name="two_factor_codes"),
    path("people/lockouts/", views.lockouts, name="lockouts"),
    path("people/audit/", views.audit_trail, name="audit_trail"),
    path("people/<int:pk>/approve/", views.approve, name="approve"),
    path("people/<int:pk>/resend/", views.resend, name="resend_invitation"),
    path("activate/<uidb64>/<token>/", views.activate, name="activate"),
    path("password/reset/complete/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
