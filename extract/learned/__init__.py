"""Stage 3b, learned: a model folder written by ``extract train``, loaded and run over a parse
(span tagger and field classifiers). Training itself is extract.training, above the run."""
