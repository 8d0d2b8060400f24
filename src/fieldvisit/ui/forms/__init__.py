"""The form engine on screen: widgets built from a definition, the draft they edit, autosave, the editor page."""
