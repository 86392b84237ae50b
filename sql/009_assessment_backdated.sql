-- Issue 14: an assessment HR records dated before the current fiscal year (managers may not) is
-- marked, so that the row and its audit entry (to_jsonb of the row) say it was backdated.
ALTER TABLE assessments ADD COLUMN backdated boolean NOT NULL DEFAULT false
