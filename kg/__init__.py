"""cypkg: a knowledge graph of Children and Young People's Plans."""
