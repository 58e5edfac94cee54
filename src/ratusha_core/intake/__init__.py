"""Pure rules for taking appeals in: file types by content, text limits."""
