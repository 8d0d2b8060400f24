"""Burial-management screens: the case ledger, one grave case with its timeline, patrol and re-inspection editors."""
