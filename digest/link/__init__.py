"""Cross-entry linking: the people registry (people.yaml) that names speakers consistently."""
