"""Pure domain logic: no Flask, no database. Calculators, content library, routing rules."""
