"""Digital match: citizens' anonymous profiles, verified employers' search and contact
requests, and the business service's overview (README "Digital match")."""
