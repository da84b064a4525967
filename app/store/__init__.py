"""The review file: one SQLite file holding reports, values, corrections and the audit trail.

``db`` holds all the SQL, ``migrations`` the schema versions, ``chain`` the
hash chain of the audit trail. Callers use :mod:`app.review`, not this package.
"""
