from tests.factories.accounts import SecretariatFactory, TrainerFactory, UserFactory, state

__all__ = ["SecretariatFactory", "TrainerFactory", "UserFactory", "state"]
