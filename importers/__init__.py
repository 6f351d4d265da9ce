"""Loading a landlord's existing involvement records: resources, admin import, import_legacy."""
