"""The `arshif` commands that need no screen. Each module holds one group of commands;
`tui.cli` adds the command that opens the app. Commands parse, call the core, print."""
