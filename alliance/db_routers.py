"""Reads from a PostgreSQL read replica, when one is configured (DATABASE_REPLICA_URL).

Writes, and reads inside a transaction, go to the primary. A replica lags a little behind:
an editor who saves and reloads at once may briefly see the older text; readers are not
affected in any way they could notice. Leave DATABASE_REPLICA_URL unset to read from the primary.
"""

from django.db import transaction


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if transaction.get_connection("default").in_atomic_block:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
