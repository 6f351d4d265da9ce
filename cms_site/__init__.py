"""The host Wagtail site for the demo and the tests; the plugin apps never import it."""
