"""Working-group reports: observations, good practices and technical-assistance needs across reviews.

Built for the secretariat in the export worker from the lists of observations the working groups
receive (agreed and locked), grouped by article, instrument or regional group, optionally
anonymised (no State, code or person named anywhere in the file).
"""
