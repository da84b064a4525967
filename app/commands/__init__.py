"""One module per CLI command: ``add_parser(subparsers)`` and ``run(args) -> int``.

Commands only parse arguments, call the core, print, and pick an exit code
(0 ok, 1 the work found problems or partly failed, 2 could not run).
"""

COMMANDS = (
    "extract", "check", "import_", "list_", "verify", "export", "gui",
    "decide", "problems", "register", "completeness", "compare",
)
