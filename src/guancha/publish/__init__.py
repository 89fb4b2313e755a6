"""Publishing: what happens to a report after it is finalised or approved (site, feeds, email, chat)."""
