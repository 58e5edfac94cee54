"""The SMS backends; :mod:`ratusha.sms` picks one by the ``RATUSHA_SMS_BACKEND`` setting."""
