"""Public pages of involvement: the home page, the menu of involvement and its opportunities.

Where each concern lives: page models in ``models.py``; the snippets that describe an
opportunity (landlords, areas, service areas, support, audiences, formats) in
``snippets.py``; the menu's filters in ``filters.py``; demo content in ``demo.py``.
"""
