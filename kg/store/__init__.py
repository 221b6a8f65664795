"""The store stage: one protocol every backend meets, and everything needed to fill and read a store.

- `protocol`: the `Store` protocol the CLI, the API and the tests speak to, and `Rows`;
- `embedded`: the default on-disk pyoxigraph store; `remote`: a SPARQL 1.1 endpoint such as Virtuoso;
- `rdf_io`: RDF file formats, parsing and the graph a file goes into; `terms`: rdflib ⇄ oxigraph terms
  and the SPARQL JSON results writer; `binding`: binding values into query text, and running a bound
  query on pyoxigraph; `graph_updates`: the SPARQL Update text of whole-graph writes;
- `inference`: the entailments materialised per graph; `series`: the indicator series derived at load
  (one step from an indicator and an area to its observations, with summaries); `loading`: many files
  as one bulk load with inference and series in the same pass; `build`: building a store from `data/`.
"""
