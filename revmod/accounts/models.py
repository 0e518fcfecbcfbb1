from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revmod.accounts.enums import AccountStatus, GlobalRole, NominatedRole


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields |= {"is_staff": True, "is_superuser": True, "global_role": GlobalRole.SECRETARIAT}
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    state = models.ForeignKey(
        "states.MemberState",
        verbose_name=_("State represented"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Empty for the secretariat and trainers."),
    )
    global_role = models.CharField(
        _("global role"), max_length=20, choices=GlobalRole.choices, default=GlobalRole.NONE, blank=True
    )
    nominated_role = models.CharField(
        _("nominated as"), max_length=20, choices=NominatedRole.choices, default=NominatedRole.NONE, blank=True
    )
    status = models.CharField(
        _("account status"), max_length=20, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Times of meetings are shown in this zone. Empty: the zone of the State represented, or UTC."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(
                    global_role__in=[GlobalRole.SECRETARIAT, GlobalRole.TRAINER, GlobalRole.STAKEHOLDER]
                )
                | models.Q(state__isnull=True),
                name="global_roles_represent_no_state",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_secretariat(self) -> bool:
        return self.global_role == GlobalRole.SECRETARIAT

    @property
    def is_trainer(self) -> bool:
        return self.global_role == GlobalRole.TRAINER

    @property
    def is_stakeholder(self) -> bool:
        return self.global_role == GlobalRole.STAKEHOLDER


class UserSession(models.Model):
    """A signed-in browser of a person, so they can see and end their sessions."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="browser_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.user_id} · {self.user_agent[:40]}"
