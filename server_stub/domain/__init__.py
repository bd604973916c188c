"""Domain services: the rules of tenants, files, documents and rights, free of HTTP."""
