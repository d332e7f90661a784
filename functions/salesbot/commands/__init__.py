"""The `salesbot` subcommands, one module per group. Each module has `register(subparsers)`,
which adds its parsers and sets `handler` (a function of the parsed arguments returning the exit code)."""
