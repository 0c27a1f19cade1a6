"""Effect steering for managers (admins): anonymised figures, CSV, refund staircase."""
