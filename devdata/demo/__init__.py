"""The demo that `make demo` loads: accounts, a drawn cycle with reviews at every step, the onboarding course."""
