"""Social-assistance screens: the household list and the home-visit (入户调查) editor."""
