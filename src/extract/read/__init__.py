"""Reading: bytes to a document with its clean view, layout and section tree."""
