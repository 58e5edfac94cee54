"""Staff pages of appeals, split by area: inboxes, the appeal page, answers, clerk entry,
queues and the printable register."""
