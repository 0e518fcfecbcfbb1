from tests.factories.accounts import SecretariatFactory, StakeholderFactory, TrainerFactory, UserFactory, state

__all__ = ["SecretariatFactory", "StakeholderFactory", "TrainerFactory", "UserFactory", "state"]
