"""Actions, auth functions and schemas of open dialogue."""
