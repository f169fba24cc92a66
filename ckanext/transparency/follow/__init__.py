"""Follow a dataset, a department, a draft or an event, and be told of what happens to it by
e-mail (plugin transparency_follow)."""
