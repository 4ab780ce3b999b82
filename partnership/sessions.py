"""The session store (decision 0007): Django's cached_db, with the cache as a help and never a point of failure.

- A cookie whose value is not a key this store could have made (32 lowercase letters and digits) is no session:
  forged values (odd characters, very long) never reach the cache, whose key checks would warn
  (`CacheKeyWarning`) or refuse them.
- When the cache is down (Redis stopped or unreachable) the database answers: a session is read from its row,
  saved to its row, and ended in its row; the cache's error is logged, never raised. Signing out while the cache
  is down still ends the session in the database.
"""

import logging
import re

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

logger = logging.getLogger("django.contrib.sessions")

SESSION_KEY = re.compile(r"[a-z0-9]{32}")  # what `SessionBase._get_new_session_key` makes


class SessionStore(CachedDBStore):
    def _validate_session_key(self, key):
        return isinstance(key, str) and SESSION_KEY.fullmatch(key) is not None

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.exception("Error reading the session from the cache (%s)", self._cache)
            data = None
        if data is not None:
            return data
        row = self._get_session_from_db()
        if not row:
            return {}
        data = self.decode(row.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))
        except Exception:
            logger.exception("Error saving the session to the cache (%s)", self._cache)
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            logger.exception("Error reading the session from the cache (%s)", self._cache)
        return super(CachedDBStore, self).exists(session_key)

    def delete(self, session_key=None):
        super(CachedDBStore, self).delete(session_key)  # the row first: the session ends whatever the cache does
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            logger.exception("Error deleting the session from the cache (%s)", self._cache)
