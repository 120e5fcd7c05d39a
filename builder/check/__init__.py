"""Stage 2, validate: diagnostics and their code registry, the pydantic schema, semantic and cross-file checks, font coverage."""
