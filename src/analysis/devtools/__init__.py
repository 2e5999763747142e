"""Tools the pipeline never imports: synthetic ledgers, extractor scoring, image comparison."""
