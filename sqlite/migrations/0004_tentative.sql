-- tentative marks a refutation from a passage that is probably, not surely,
-- about the same thing as the claim: it disputes the claim, never refutes it.
ALTER TABLE evidence ADD COLUMN tentative INTEGER NOT NULL DEFAULT 0;
