"""Application services the screens call: unlocking, drafts and autosave, finalizing, amendments, case steps."""
