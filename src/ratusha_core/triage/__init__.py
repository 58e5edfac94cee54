"""AI triage of citizens' appeals: language, urgency, personal data, category suggestions.

Each area lives in its own module and is imported directly, for example
``from ratusha_core.triage.language import detect_language``; this package imports
nothing heavy on its own.
"""
