"""Signatures for Ratusha: RFC 8785 canonical JSON, Ed25519 keys and C2SP signed notes."""
