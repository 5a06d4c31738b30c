"""Browser journeys (Playwright + the system Chromium); a package so its conftest does not shadow tests/conftest.py."""
