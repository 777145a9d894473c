"""The shared toolkit layouts are built from.

Regional layouts live in their own packages (see ``plugins/``); what every
region needs — reading numbering labels, unit lists and deadlines, cleaning
markup — lives here, once, so that all regions read a unit list or a
deadline the same way.
"""
