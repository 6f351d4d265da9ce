"""The involvement dashboard and the reports a landlord owes its board and residents.

Figures are added up here from the apps that hold the records (the register, panels,
grants, scrutiny, action plans, outcomes, expenses and budget), never typed. Modules:
``models`` holds what only people can enter (each landlord's customer profile, and the
satisfaction survey waves); ``figures`` adds up the dashboard's figures;
``suppression`` protects small numbers wherever equality figures appear.
"""
