"""Delivery: mail the built documents, and the scheduled job. Knows no file format."""
