"""The knowledge base: one heuristic schema, parsers for every form heuristics were written in, the report
importer, and the versioned store of heuristics."""
