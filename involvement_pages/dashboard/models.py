"""The dashboard's models, for Django to find: each lives in the module of its concern.

``profiles`` holds what only people can enter (customer profiles and satisfaction survey
waves); ``annual_report`` the public annual report page, which reads figures built from
the profiles, so the two cannot share one module without a loop.
"""

from .annual_report import AnnualReportPage
from .profiles import CustomerProfile, ProfileGroup, SatisfactionWave

__all__ = ["AnnualReportPage", "CustomerProfile", "ProfileGroup", "SatisfactionWave"]
