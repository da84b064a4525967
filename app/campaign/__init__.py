"""The review campaign: the agency register, matching reports to agencies,
completeness by year, timeliness, and parent against its units.

Plain Python over plain data; the review file's SQL is in app/store/agencies.py
and the use cases in app/review/register.py.
"""
