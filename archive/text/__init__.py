"""Arabic text: cleaning for storage, normalisation for search, stemming, tokens."""
