"""HTTP service for cypkg: SPARQL protocol, lookups and pages."""
