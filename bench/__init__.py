"""`make bench`: speed, memory and size of Arshif against an Arabic-blind baseline."""
