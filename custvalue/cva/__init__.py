"""Customer value analysis (Gale, *Managing Customer Value*; Kotler): see docs/customer-value.md."""
