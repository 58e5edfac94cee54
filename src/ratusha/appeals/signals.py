"""Signals other apps listen to. Both are sent after the commit, never inside it.

- ``appeal_event_committed(sender=AppealEvent, event=AppealEvent)``: an appeal was
  registered or moved in the workflow; the ledger records public acts from here.
- ``answer_approved`` (in ``actions.answers``) is sent inside the approval's transaction
  for work that must succeed or fail with it, such as signing the answer.
"""

from django.dispatch import Signal

appeal_event_committed = Signal()
