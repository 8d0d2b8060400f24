"""Field widgets, one module per kind of answer; `factory.make_field` picks the widget for a field type."""
