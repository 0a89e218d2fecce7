"""The product's settings as tests run them: production mode (DEBUG off) with a throwaway key."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("TASKS_IMMEDIATE", "true")

from citydiplomacy.settings import *  # noqa: F403

# Hashing cost is not what tests test; argon2 stays the production hasher (tested separately).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
WHITENOISE_AUTOREFRESH = True
