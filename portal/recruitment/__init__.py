"""recruitment feature (issue 5: assistant handoff)."""
