"""Stage 7, analysis of records: scoring against gold, merging across outlets, the HTML report."""
