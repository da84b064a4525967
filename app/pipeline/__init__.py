"""The work on one report file, wherever it runs: app.pipeline.step."""
