"""${{ values.name }}: HTTP service with /healthz and /readyz (standard library only)."""
