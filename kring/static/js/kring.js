// Kring: small progressive enhancements.
