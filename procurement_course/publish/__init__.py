"""What is published from the built site: the printable handbook and the participant handouts."""
