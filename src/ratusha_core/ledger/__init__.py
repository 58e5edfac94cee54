"""Ratusha's public ledger: an RFC 9162 Merkle log with signed C2SP checkpoints.

``merkle`` hashes and verifies proofs, ``tree`` builds roots and proofs from stored
subtree hashes, ``checkpoint`` formats tree heads, and ``receipt`` verifies what a
citizen holds.
"""
