-- dxskills foundation: roles, tenants, every table of SPEC §2, row-level security, audit log.
-- Statements are separated by lines reading exactly "-- split"; the whole file runs in one transaction.

CREATE EXTENSION IF NOT EXISTS btree_gist;
-- split
-- The service connects as dxskills_app: it owns nothing, is no superuser and cannot bypass RLS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dxskills_app') THEN
    CREATE ROLE dxskills_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END
$$;
-- split
CREATE TABLE tenants (
  tenant_id text PRIMARY KEY CHECK (tenant_id ~ '^[0-9]{6}$'),
  name text NOT NULL CHECK (name <> ''),
  -- 4.2: which employment types count in headcount; 会計年度任用 (fiscal_year) is off by default.
  counted_employment_types text[] NOT NULL DEFAULT '{regular,fixed_term}',
  grades text[] NOT NULL DEFAULT '{主事,主任,係長,課長補佐,課長,部長,局長}',
  created_at timestamptz NOT NULL DEFAULT now()
);
-- split
CREATE TABLE units (
  tenant_id text NOT NULL REFERENCES tenants,
  code text NOT NULL CHECK (code <> ''),
  name text NOT NULL CHECK (name <> ''),
  kind text NOT NULL CHECK (kind <> ''),
  parent_code text,
  valid_from date NOT NULL,
  valid_to date,
  it_department boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, code),
  -- Deferred so that one import may list a child before its parent.
  FOREIGN KEY (tenant_id, parent_code) REFERENCES units (tenant_id, code) DEFERRABLE INITIALLY DEFERRED,
  CHECK (parent_code IS DISTINCT FROM code),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- split
CREATE INDEX units_parent ON units (tenant_id, parent_code);
-- split
CREATE TABLE staff (
  tenant_id text NOT NULL REFERENCES tenants,
  employee_no text NOT NULL CHECK (employee_no <> ''),
  name text NOT NULL CHECK (name <> ''),
  kana text,
  job_track text NOT NULL CHECK (job_track IN ('general', 'information', 'technical', 'other')),
  employment_type text NOT NULL CHECK (employment_type IN ('regular', 'fixed_term', 'fiscal_year')),
  grade text,
  hired_on date NOT NULL,
  retired_on date,
  PRIMARY KEY (tenant_id, employee_no),
  CHECK (retired_on IS NULL OR retired_on >= hired_on)
);
-- split
CREATE TABLE assignments (
  tenant_id text NOT NULL,
  employee_no text NOT NULL,
  unit_code text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  is_primary boolean NOT NULL DEFAULT true,
  PRIMARY KEY (tenant_id, employee_no, unit_code, valid_from),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, unit_code) REFERENCES units,
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  -- At most one primary assignment per staff on any day.
  EXCLUDE USING gist (tenant_id WITH =, employee_no WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
    WHERE (is_primary)
);
-- split
CREATE INDEX assignments_unit ON assignments (tenant_id, unit_code, valid_from);
-- split
CREATE TABLE users (
  tenant_id text NOT NULL REFERENCES tenants,
  name text NOT NULL CHECK (name <> ''),
  role text NOT NULL CHECK (role IN ('admin', 'hr', 'manager', 'evaluator', 'staff')),
  -- A manager's or evaluator's scope: this unit and its descendants.
  unit_code text,
  -- The staff record the user is: a staff user's own record, an evaluator's self.
  employee_no text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name),
  FOREIGN KEY (tenant_id, unit_code) REFERENCES units,
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  CHECK (role NOT IN ('manager', 'evaluator') OR unit_code IS NOT NULL),
  CHECK (role <> 'staff' OR employee_no IS NOT NULL)
);
-- split
CREATE TABLE api_tokens (
  tenant_id text NOT NULL,
  token_id text NOT NULL,
  user_name text NOT NULL,
  -- SHA-256 of the whole token; the token itself is shown once and never stored.
  token_hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, token_id),
  FOREIGN KEY (tenant_id, user_name) REFERENCES users
);
-- split
CREATE TABLE skills (
  tenant_id text NOT NULL REFERENCES tenants,
  code text NOT NULL CHECK (code <> ''),
  name text NOT NULL,
  name_en text,
  category text,
  framework text NOT NULL,
  builtin boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, code)
);
-- split
CREATE TABLE courses (
  tenant_id text NOT NULL REFERENCES tenants,
  code text NOT NULL CHECK (code <> ''),
  title text NOT NULL,
  hours numeric(7, 2) NOT NULL DEFAULT 0 CHECK (hours >= 0),
  provider text,
  delivery text NOT NULL CHECK (delivery IN ('classroom', 'elearning', 'ojt')),
  pass_score integer CHECK (pass_score BETWEEN 0 AND 100),
  PRIMARY KEY (tenant_id, code)
);
-- split
CREATE TABLE course_skills (
  tenant_id text NOT NULL,
  course_code text NOT NULL,
  skill_code text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  PRIMARY KEY (tenant_id, course_code, skill_code),
  FOREIGN KEY (tenant_id, course_code) REFERENCES courses ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, skill_code) REFERENCES skills
);
-- split
CREATE TABLE training_records (
  tenant_id text NOT NULL,
  employee_no text NOT NULL,
  course_code text NOT NULL,
  completed_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('completed', 'incomplete', 'absent')),
  score integer CHECK (score BETWEEN 0 AND 100),
  hours numeric(7, 2) CHECK (hours >= 0),
  PRIMARY KEY (tenant_id, employee_no, course_code, completed_on),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, course_code) REFERENCES courses
);
-- split
CREATE INDEX training_records_course ON training_records (tenant_id, course_code, completed_on);
-- split
CREATE TABLE certifications (
  tenant_id text NOT NULL REFERENCES tenants,
  code text NOT NULL CHECK (code <> ''),
  name text NOT NULL,
  valid_years integer CHECK (valid_years > 0),
  points integer NOT NULL DEFAULT 0 CHECK (points >= 0),
  builtin boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, code)
);
-- split
CREATE TABLE certification_skills (
  tenant_id text NOT NULL,
  cert_code text NOT NULL,
  skill_code text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  PRIMARY KEY (tenant_id, cert_code, skill_code),
  FOREIGN KEY (tenant_id, cert_code) REFERENCES certifications ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, skill_code) REFERENCES skills
);
-- split
CREATE TABLE cert_holdings (
  tenant_id text NOT NULL,
  employee_no text NOT NULL,
  cert_code text NOT NULL,
  acquired_on date NOT NULL,
  expires_on date,
  PRIMARY KEY (tenant_id, employee_no, cert_code, acquired_on),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, cert_code) REFERENCES certifications,
  CHECK (expires_on IS NULL OR expires_on >= acquired_on)
);
-- split
CREATE TABLE assessments (
  tenant_id text NOT NULL,
  employee_no text NOT NULL,
  skill_code text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  assessed_on date NOT NULL,
  assessor text,
  PRIMARY KEY (tenant_id, employee_no, skill_code, assessed_on),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, skill_code) REFERENCES skills
);
-- split
CREATE TABLE designations (
  tenant_id text NOT NULL,
  employee_no text NOT NULL,
  unit_code text NOT NULL,
  role text NOT NULL CHECK (role IN ('leader', 'sub_leader')),
  term_start date NOT NULL,
  term_end date NOT NULL,
  working_group text,
  note text,
  override_reason text,
  PRIMARY KEY (tenant_id, employee_no, unit_code, role, term_start),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, unit_code) REFERENCES units,
  CHECK (term_end >= term_start)
);
-- split
CREATE TABLE targets (
  tenant_id text NOT NULL REFERENCES tenants,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 1989 AND 2200),
  document jsonb NOT NULL,
  PRIMARY KEY (tenant_id, fiscal_year)
);
-- split
CREATE TABLE evaluation_criteria (
  tenant_id text NOT NULL REFERENCES tenants,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 1989 AND 2200),
  document jsonb NOT NULL,
  PRIMARY KEY (tenant_id, fiscal_year)
);
-- split
CREATE TABLE ratings (
  tenant_id text NOT NULL,
  fiscal_year integer NOT NULL,
  employee_no text NOT NULL,
  item text NOT NULL,
  stage smallint NOT NULL CHECK (stage IN (1, 2)),
  rating text NOT NULL CHECK (rating IN ('S', 'A', 'B', 'C', 'D')),
  evaluator text NOT NULL,
  PRIMARY KEY (tenant_id, fiscal_year, employee_no, item, stage),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, evaluator) REFERENCES staff (tenant_id, employee_no),
  CHECK (evaluator <> employee_no)
);
-- split
CREATE TABLE career_templates (
  tenant_id text NOT NULL REFERENCES tenants,
  code text NOT NULL CHECK (code <> ''),
  name text NOT NULL,
  document jsonb NOT NULL,
  PRIMARY KEY (tenant_id, code)
);
-- split
CREATE TABLE career_plans (
  tenant_id text NOT NULL,
  employee_no text NOT NULL,
  template_code text NOT NULL,
  start_on date NOT NULL,
  PRIMARY KEY (tenant_id, employee_no, template_code),
  FOREIGN KEY (tenant_id, employee_no) REFERENCES staff,
  FOREIGN KEY (tenant_id, template_code) REFERENCES career_templates
);
-- split
CREATE TABLE audit_log (
  tenant_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  key jsonb NOT NULL DEFAULT '{}',
  before jsonb,
  after jsonb,
  request_id text,
  PRIMARY KEY (tenant_id, id)
);
-- split
-- One audit row per changed record. Who and which request come from transaction-local settings
-- that the service sets with set_config(..., true) at the start of every transaction.
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_data jsonb;
  key_data jsonb := '{}';
  column_name text;
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
    old_row - 'tenant_id' - 'token_hash',
    new_row - 'tenant_id' - 'token_hash',
    nullif(current_setting('dxskills.request_id', true), ''));
  RETURN NULL;
END
$$;
-- split
DO $$
DECLARE
  audited constant text[][] := ARRAY[
    ['tenants', 'tenant_id'], ['units', 'code'], ['staff', 'employee_no'],
    ['assignments', 'employee_no,unit_code,valid_from'], ['users', 'name'], ['api_tokens', 'token_id'],
    ['skills', 'code'], ['courses', 'code'], ['course_skills', 'course_code,skill_code'],
    ['training_records', 'employee_no,course_code,completed_on'], ['certifications', 'code'],
    ['certification_skills', 'cert_code,skill_code'], ['cert_holdings', 'employee_no,cert_code,acquired_on'],
    ['assessments', 'employee_no,skill_code,assessed_on'],
    ['designations', 'employee_no,unit_code,role,term_start'], ['targets', 'fiscal_year'],
    ['evaluation_criteria', 'fiscal_year'], ['ratings', 'fiscal_year,employee_no,item,stage'],
    ['career_templates', 'code'], ['career_plans', 'employee_no,template_code']];
  entry text[];
  tenant_table text;
BEGIN
  FOREACH entry SLICE 1 IN ARRAY audited LOOP
    EXECUTE format(
      'CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_row(%s)',
      entry[1], (SELECT string_agg(quote_literal(k), ', ') FROM unnest(string_to_array(entry[2], ',')) k));
  END LOOP;
  -- Every tenant table: RLS enabled and forced (so the owner is bound too), one policy on the
  -- transaction-local tenant; with no tenant set, current_setting is NULL or '' and matches nothing.
  FOR tenant_table IN
    SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attname = 'tenant_id'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''dxskills.tenant_id'', true)) '
      'WITH CHECK (tenant_id = current_setting(''dxskills.tenant_id'', true))', tenant_table);
    IF tenant_table = 'audit_log' THEN
      -- The audit log is append-only for the service.
      EXECUTE 'GRANT SELECT, INSERT ON audit_log TO dxskills_app';
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO dxskills_app', tenant_table);
    END IF;
  END LOOP;
END
$$;
-- split
-- 4.1 Subtree(U): U and every unit whose parent chain reaches U; with no root, every tree.
-- path runs from the root down, so ORDER BY path lists a tree depth-first.
CREATE FUNCTION unit_subtree(root text) RETURNS TABLE (code text, depth integer, path text[])
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE sub AS (
    SELECT u.code, 0 AS depth, ARRAY[u.code] AS path FROM units u
    WHERE (root IS NULL AND u.parent_code IS NULL) OR u.code = root
    UNION ALL
    SELECT u.code, s.depth + 1, s.path || u.code FROM sub s JOIN units u ON u.parent_code = s.code
  )
  SELECT code, depth, path FROM sub
$$;
-- split
-- 4.2 Headcount population on a day: staff with a primary assignment then, active then, and of an
-- employment type the tenant counts. Every report that says "Headcount" selects from here.
CREATE FUNCTION headcount_population(as_of date) RETURNS TABLE (employee_no text, unit_code text)
LANGUAGE sql STABLE AS $$
  SELECT a.employee_no, a.unit_code
  FROM assignments a
  JOIN staff s ON s.tenant_id = a.tenant_id AND s.employee_no = a.employee_no
  JOIN tenants t ON t.tenant_id = s.tenant_id
  WHERE a.is_primary
    AND a.valid_from <= as_of AND (a.valid_to IS NULL OR as_of <= a.valid_to)
    AND s.hired_on <= as_of AND (s.retired_on IS NULL OR as_of <= s.retired_on)
    AND s.employment_type = ANY (t.counted_employment_types)
$$;
-- split
GRANT USAGE ON SCHEMA public TO dxskills_app;
-- split
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dxskills_app;
-- split
-- Readiness checks that the schema is migrated.
GRANT SELECT ON schema_migrations TO dxskills_app;
