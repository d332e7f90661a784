"""Local HTTP servers that speak the protocols of the services the product calls."""
