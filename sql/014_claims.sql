-- Claims (申請, reference §7): a staff member claims a training record or a certification holding
-- with up to 3 evidence files; a manager or evaluator in scope approves, hr confirms, and the
-- confirmed claim becomes the record, with the claim as its source. Evidence files live here, in
-- the same transaction and under the same row-level security as their claim.

-- Evidence bytes, like secrets, never reach the audit log: its rows keep the size and the SHA-256.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_data jsonb;
  key_data jsonb := '{}';
  column_name text;
  secret constant text[] := ARRAY['tenant_id', 'token_hash', 'password_hash', 'id_hash', 'csrf_token',
                                  'code_verifier', 'nonce', 'state_hash', 'bytes'];
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE' AND old_row = new_row THEN RETURN NULL; END IF;
  row_data := coalesce(new_row, old_row);
  FOREACH column_name IN ARRAY TG_ARGV LOOP
    key_data := key_data || jsonb_build_object(column_name, row_data -> column_name);
  END LOOP;
  INSERT INTO audit_log (tenant_id, actor, action, entity, key, before, after, request_id)
  VALUES (
    row_data ->> 'tenant_id',
    coalesce(nullif(current_setting('dxskills.actor', true), ''), session_user),
    lower(TG_OP),
    TG_TABLE_NAME,
    key_data,
    old_row - secret,
    new_row - secret,
    nullif(current_setting('dxskills.request_id', true), ''));
  RETURN NULL;
END
$$;
-- split
CREATE TABLE claims (
  tenant_id text NOT NULL REFERENCES tenants,
  id bigint GENERATED ALWAYS AS IDENTITY,
  employee_no text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('training', 'certification')),
  -- A training claim: a catalog course, or an external one with its title (and provider, hours);
  -- an external course joins the catalog under this code when the claim is confirmed.
  course_code text CHECK (course_code <> ''),
  title text CHECK (title <> ''),
  provider text,
  hours numeric(7, 2) CHECK (hours > 0 AND hours <= 1000),
  completed_on date,
  -- A certification claim.
  cert_code text,
  acquired_on date,
  state text NOT NULL DEFAULT 'submitted'
    CHECK (state IN ('submitted', 'approved', 'confirmed', 'returned', 'withdrawn')),
  submitted_on date NOT NULL,
  submitted_by text NOT NULL,
  approved_by text,
  approved_at timestamptz,
  confirmed_by text,
  confirmed_at timestamptz,
  returned_by text,
  return_reason text CHECK (return_reason <> ''),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, cert_code) REFERENCES certifications,
  CHECK (kind <> 'training' OR (course_code IS NOT NULL AND completed_on IS NOT NULL
                                AND cert_code IS NULL AND acquired_on IS NULL)),
  CHECK (kind <> 'certification' OR (cert_code IS NOT NULL AND acquired_on IS NOT NULL AND course_code IS NULL
                                     AND title IS NULL AND provider IS NULL AND hours IS NULL AND completed_on IS NULL)),
  CHECK ((state = 'returned') = (return_reason IS NOT NULL)),
  CHECK (state <> 'confirmed' OR confirmed_by IS NOT NULL)
);
-- split
CREATE INDEX claims_employee ON claims (tenant_id, employee_no);
-- split
CREATE INDEX claims_open ON claims (tenant_id, state) WHERE state IN ('submitted', 'approved');
-- split
CREATE TABLE claim_evidence (
  tenant_id text NOT NULL,
  claim_id bigint NOT NULL,
  n smallint NOT NULL CHECK (n BETWEEN 1 AND 3),
  -- Sniffed from the bytes, never taken from the name.
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  file_name text NOT NULL CHECK (file_name <> ''),
  size integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
  sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
  bytes bytea NOT NULL,
  PRIMARY KEY (tenant_id, claim_id, n),
  FOREIGN KEY (tenant_id, claim_id) REFERENCES claims ON DELETE CASCADE,
  CHECK (octet_length(bytes) = size)
);
-- split
-- A claim's history: every transition, with who, when and why. A returned claim keeps it.
CREATE TABLE claim_events (
  tenant_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  claim_id bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  -- NULL for the first submission.
  from_state text,
  to_state text NOT NULL,
  reason text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, claim_id) REFERENCES claims ON DELETE CASCADE
);
-- split
CREATE INDEX claim_events_claim ON claim_events (tenant_id, claim_id, id);
-- split
-- The source of a record: NULL for an imported row, the claim for a confirmed claim.
ALTER TABLE training_records ADD COLUMN claim_id bigint;
-- split
ALTER TABLE training_records ADD FOREIGN KEY (tenant_id, claim_id) REFERENCES claims;
-- split
ALTER TABLE cert_holdings ADD COLUMN claim_id bigint;
-- split
ALTER TABLE cert_holdings ADD FOREIGN KEY (tenant_id, claim_id) REFERENCES claims;
-- split
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION audit_row('id');
-- split
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON claim_evidence
FOR EACH ROW EXECUTE FUNCTION audit_row('claim_id', 'n');
-- split
CREATE TRIGGER audit AFTER INSERT ON claim_events FOR EACH ROW EXECUTE FUNCTION audit_row('claim_id', 'id');
-- split
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['claims', 'claim_evidence', 'claim_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''dxskills.tenant_id'', true)) '
      'WITH CHECK (tenant_id = current_setting(''dxskills.tenant_id'', true))', tenant_table);
  END LOOP;
END
$$;
-- split
GRANT SELECT, INSERT, UPDATE ON claims TO dxskills_app;
-- split
GRANT SELECT, INSERT, DELETE ON claim_evidence TO dxskills_app;
-- split
-- The history is append-only for the service.
GRANT SELECT, INSERT ON claim_events TO dxskills_app;
-- split
-- The approvers of a claim: a manager or evaluator whose scope (root) holds the claimant's primary
-- unit on the claim's day.
CREATE FUNCTION claim_in_scope(p_root text, p_employee_no text, p_day date) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (
    SELECT FROM assignments a
    WHERE a.employee_no = p_employee_no AND a.is_primary
      AND a.valid_from <= p_day AND (a.valid_to IS NULL OR p_day <= a.valid_to)
      AND a.unit_code IN (SELECT t.code FROM unit_subtree(p_root) t))
$$;
-- split
-- Whether anyone but the claimant may approve the claim today: an active user with a manager or
-- evaluator grant of today whose scope holds the claimant's unit on the claim's day. Without one,
-- hr confirms a submitted claim directly.
CREATE FUNCTION claim_has_approver(p_employee_no text, p_day date) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (
    SELECT FROM role_grants g JOIN users u ON u.tenant_id = g.tenant_id AND u.name = g.user_name
    WHERE g.role IN ('manager', 'evaluator') AND u.status = 'active'
      AND u.employee_no IS DISTINCT FROM p_employee_no
      AND g.valid_from <= tokyo_today() AND (g.valid_to IS NULL OR tokyo_today() <= g.valid_to)
      AND claim_in_scope(g.unit_code, p_employee_no, p_day))
$$;
-- split
GRANT EXECUTE ON FUNCTION claim_in_scope(text, text, date), claim_has_approver(text, date) TO dxskills_app;
