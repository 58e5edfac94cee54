"""Ratusha's pure-Python core: rules and algorithms with no Django import.

Every function here takes plain data and returns frozen dataclasses, so the core can be
tested, benchmarked and reused on its own (the offline verifier needs nothing else).
"""
