"""Public discussion of drafts ("For discussion", Муҳокама учун): drafts split into numbered
articles, proposals and comments, moderation, official answers and the results report."""
