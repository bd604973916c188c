"""HTTP routers of the ``/api/v1`` surface."""
