"""Versioned prompt templates (NAME.vN.txt), shipped as package data."""
