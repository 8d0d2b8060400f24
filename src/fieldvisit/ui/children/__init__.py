"""Child protection screens: the child list, one child's file, the visit editor."""
