-- judge_key identifies how a run judged its documents (the alias tables,
-- the sources, the model and the rules' version): a later run with the same
-- key, sources that did not change and the same document may copy the
-- results instead of judging again.
ALTER TABLE run_documents ADD COLUMN judge_key TEXT NOT NULL DEFAULT '';
