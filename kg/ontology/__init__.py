"""The ontology stage: where the ontology's files are, the SKOS vocabularies code reads, and its handbook."""
