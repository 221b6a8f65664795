"""The validation stage: SHACL shapes, their SPARQL compiler, the write gate every write passes, data checks."""
