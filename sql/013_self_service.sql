-- Self-service (reference §7): the fiscal years whose evaluation results hr has disclosed to the
-- staff rated in them, and the staff's own self-assessments (自己診断).
--
-- A disclosure is a row of its own, not a column of evaluation_criteria, so that replacing a
-- year's criteria document never takes the disclosure with it.
CREATE TABLE evaluation_disclosures (
  tenant_id text NOT NULL REFERENCES tenants,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 1989 AND 2200),
  disclosed_at timestamptz NOT NULL DEFAULT now(),
  disclosed_by text NOT NULL,
  PRIMARY KEY (tenant_id, fiscal_year)
);
-- split
-- A staff member's own rating of a DSS skill on a day. It is shown beside Level and never counts
-- in it: no function of reference §4 reads this table.
CREATE TABLE self_assessments (
  tenant_id text NOT NULL,
  employee_no text NOT NULL,
  skill_code text NOT NULL,
  assessed_on date NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 4),
  PRIMARY KEY (tenant_id, employee_no, skill_code, assessed_on),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, skill_code) REFERENCES skills
);
-- split
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON evaluation_disclosures
FOR EACH ROW EXECUTE FUNCTION audit_row('fiscal_year');
-- split
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON self_assessments
FOR EACH ROW EXECUTE FUNCTION audit_row('employee_no', 'skill_code', 'assessed_on');
-- split
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['evaluation_disclosures', 'self_assessments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''dxskills.tenant_id'', true)) '
      'WITH CHECK (tenant_id = current_setting(''dxskills.tenant_id'', true))', tenant_table);
  END LOOP;
END
$$;
-- split
GRANT SELECT, INSERT ON evaluation_disclosures TO dxskills_app;
-- split
GRANT SELECT, INSERT, UPDATE, DELETE ON self_assessments TO dxskills_app;
