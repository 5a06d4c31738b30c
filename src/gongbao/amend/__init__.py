"""amend stage."""
