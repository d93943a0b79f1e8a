"""Rendering: plan the pages of a grouped digest, render them, write the site."""
