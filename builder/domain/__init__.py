"""What the toolkit knows and remembers beyond one build: the quiz bank, scoring, the certificate register, signing and credentials."""
