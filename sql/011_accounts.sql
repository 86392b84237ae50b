-- Accounts (reference §6): users with a status and a sign-in source, effective-dated role grants,
-- sessions and sign-in attempts in PostgreSQL, and the tenant's sign-in settings.
--
-- Rights are no longer a column of the user. A user's role and scope on day D are those of the
-- grant valid on D; a user linked to a staff member in service with no grant is `staff`; a user
-- with neither, whose staff member is not in service, or who is disabled has no rights at all.
-- Every user's role and unit of today become a grant from the day the user was created.

-- Columns whose values are secrets never reach the audit log, whichever table carries them.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_data jsonb;
  key_data jsonb := '{}';
  column_name text;
  secret constant text[] := ARRAY['tenant_id', 'token_hash', 'password_hash', 'id_hash', 'csrf_token',
                                  'code_verifier', 'nonce', 'state_hash'];
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
-- The service's day: dates are Japanese dates, whatever the server's time zone.
CREATE FUNCTION tokyo_today() RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (now() AT TIME ZONE 'Asia/Tokyo')::date
$$;
-- split
ALTER TABLE staff ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$');
-- split
ALTER TABLE users
  ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
  ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  -- Why a disabled user is disabled: `retired` (the staff import) or `admin`.
  ADD COLUMN disabled_reason text CHECK (disabled_reason IN ('retired', 'admin')),
  -- Locked after 5 failed sign-ins within 15 minutes, until this time.
  ADD COLUMN locked_until timestamptz,
  -- How the user may sign in; the tenant's own list (sign_in_settings.methods) limits it further.
  ADD COLUMN sign_in text[] NOT NULL DEFAULT '{local,ldap,oidc}'
    CHECK (sign_in <@ '{local,ldap,oidc}' AND cardinality(sign_in) > 0),
  -- bcrypt, cost 12 or more; NULL until a password is set.
  ADD COLUMN password_hash text CHECK (password_hash IS NULL OR password_hash ~ '^\$2[abxy]\$(1[2-9]|[23][0-9])\$'),
  -- A one-time password from `admin user password-reset` is valid until then and must be changed.
  ADD COLUMN password_one_time_until timestamptz,
  ADD COLUMN password_changed_at timestamptz,
  ADD CHECK ((status = 'disabled') = (disabled_reason IS NOT NULL));
-- split
CREATE INDEX users_employee ON users (tenant_id, employee_no) WHERE employee_no IS NOT NULL;
-- split
CREATE TABLE role_grants (
  tenant_id text NOT NULL,
  user_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'hr', 'manager', 'evaluator', 'staff')),
  -- A manager's or evaluator's scope: this unit and its descendants; no other role has one.
  unit_code text,
  valid_from date NOT NULL,
  valid_to date,
  PRIMARY KEY (tenant_id, user_name, valid_from),
  FOREIGN KEY (tenant_id, user_name) REFERENCES users ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, unit_code) REFERENCES units,
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK ((role IN ('manager', 'evaluator')) = (unit_code IS NOT NULL)),
  -- At most one grant per user on any day.
  EXCLUDE USING gist (tenant_id WITH =, user_name WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
-- split
-- Every tenant's users at once: the owner is exempt from row-level security for this statement
-- only (role_grants is not under it yet).
ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
-- split
INSERT INTO role_grants (tenant_id, user_name, role, unit_code, valid_from)
SELECT tenant_id, name, role, CASE WHEN role IN ('manager', 'evaluator') THEN unit_code END,
       (created_at AT TIME ZONE 'Asia/Tokyo')::date
FROM users;
-- split
ALTER TABLE users FORCE ROW LEVEL SECURITY;
-- split
ALTER TABLE users DROP COLUMN role, DROP COLUMN unit_code;
-- split
-- The rights of a user on a day, as reference §6 says; no row when it has none.
CREATE FUNCTION user_rights(p_name text, p_day date)
RETURNS TABLE (role text, unit_code text, employee_no text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(g.role, 'staff'), g.unit_code, u.employee_no
  FROM users u
  LEFT JOIN staff s ON s.tenant_id = u.tenant_id AND s.employee_no = u.employee_no
  LEFT JOIN role_grants g ON g.tenant_id = u.tenant_id AND g.user_name = u.name
    AND g.valid_from <= p_day AND (g.valid_to IS NULL OR p_day <= g.valid_to)
  WHERE u.name = p_name AND u.status = 'active'
    -- A user linked to a staff member has rights only while that member is in service.
    AND (u.employee_no IS NULL OR (s.hired_on <= p_day AND (s.retired_on IS NULL OR p_day <= s.retired_on)))
    -- Staff rights need the staff link; a grant gives the others.
    AND (coalesce(g.role, 'staff') <> 'staff' OR u.employee_no IS NOT NULL)
$$;
-- split
-- Gives a user the role (NULL: none) from a day on, open-ended: a grant that covers the day ends
-- the day before, later ones go. The same role and scope already held from before is kept as it is.
CREATE FUNCTION set_role_grant(p_user text, p_role text, p_unit text, p_from date) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF EXISTS (
    SELECT FROM role_grants g
    WHERE g.user_name = p_user AND g.valid_from <= p_from AND g.valid_to IS NULL
      AND g.role = p_role AND g.unit_code IS NOT DISTINCT FROM p_unit
  ) THEN
    RETURN;
  END IF;
  DELETE FROM role_grants g WHERE g.user_name = p_user AND g.valid_from >= p_from;
  UPDATE role_grants g SET valid_to = p_from - 1
  WHERE g.user_name = p_user AND g.valid_from < p_from AND (g.valid_to IS NULL OR g.valid_to >= p_from);
  IF p_role IS NOT NULL THEN
    INSERT INTO role_grants (tenant_id, user_name, role, unit_code, valid_from)
    VALUES (current_setting('dxskills.tenant_id'), p_user, p_role, p_unit, p_from);
  END IF;
END
$$;
-- split
-- Grants are written by hr and admin only; nobody writes their own, and only an admin grants
-- admin. The schema owner (the `admin` commands) is not checked.
CREATE FUNCTION role_grants_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor text := nullif(current_setting('dxskills.actor', true), '');
  caller_role text := coalesce(current_setting('dxskills.role', true), '');
  names text[] := '{}';
  roles text[] := '{}';
BEGIN
  IF current_user <> 'dxskills_app' THEN
    RETURN coalesce(NEW, OLD);
  END IF;
  IF caller_role NOT IN ('hr', 'admin') THEN
    RAISE EXCEPTION 'only hr and admin may change role grants' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP <> 'INSERT' THEN
    names := names || OLD.user_name;
    roles := roles || OLD.role;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    names := names || NEW.user_name;
    roles := roles || NEW.role;
  END IF;
  FOR i IN 1 .. cardinality(names) LOOP
    IF names[i] = actor THEN
      RAISE EXCEPTION 'nobody may change their own role grant (%)', actor USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF roles[i] = 'admin' AND caller_role <> 'admin' THEN
      RAISE EXCEPTION 'only an admin may grant or change the role admin' USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
  RETURN coalesce(NEW, OLD);
END
$$;
-- split
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON role_grants FOR EACH ROW EXECUTE FUNCTION role_grants_guard();
-- split
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON role_grants
FOR EACH ROW EXECUTE FUNCTION audit_row('user_name', 'valid_from');
-- split
CREATE TABLE sign_in_settings (
  tenant_id text PRIMARY KEY REFERENCES tenants,
  methods text[] NOT NULL DEFAULT '{local}' CHECK (methods <@ '{local,ldap,oidc}' AND cardinality(methods) > 0),
  ldap_url text CHECK (ldap_url ~ '^ldaps?://'),
  ldap_ca_file text,
  ldap_base_dn text,
  ldap_bind_dn text,
  -- A path on the server: the secret itself is never stored in the database.
  ldap_bind_password_file text,
  ldap_user_filter text NOT NULL DEFAULT '(sAMAccountName={user})' CHECK (ldap_user_filter LIKE '%{user}%'),
  ldap_employee_attribute text NOT NULL DEFAULT 'employeeNumber',
  ldap_mail_attribute text NOT NULL DEFAULT 'mail',
  oidc_issuer text CHECK (oidc_issuer ~ '^https?://'),
  oidc_client_id text,
  oidc_client_secret_file text,
  oidc_employee_claim text NOT NULL DEFAULT 'employee_no',
  session_idle_minutes integer NOT NULL DEFAULT 30 CHECK (session_idle_minutes BETWEEN 1 AND 1440),
  session_absolute_minutes integer NOT NULL DEFAULT 720 CHECK (session_absolute_minutes BETWEEN 5 AND 10080),
  CHECK ('ldap' <> ALL (methods) OR (ldap_url IS NOT NULL AND ldap_base_dn IS NOT NULL)),
  CHECK ('oidc' <> ALL (methods) OR (oidc_issuer IS NOT NULL AND oidc_client_id IS NOT NULL))
);
-- split
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON sign_in_settings
FOR EACH ROW EXECUTE FUNCTION audit_row('tenant_id');
-- split
CREATE TABLE sessions (
  tenant_id text NOT NULL,
  -- SHA-256 of the session id; the id itself is only in the browser's cookie.
  id_hash bytea NOT NULL CHECK (octet_length(id_hash) = 32),
  user_name text NOT NULL,
  method text NOT NULL CHECK (method IN ('local', 'ldap', 'oidc', 'token')),
  -- Compared with the `_csrf` field of every form the session posts.
  csrf_token text NOT NULL,
  -- A session signed in with an API token lives only while that token is valid.
  token_id text,
  client text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  end_reason text CHECK (end_reason IN ('signout', 'signout_everywhere', 'admin', 'disabled', 'no_rights',
                                          'expired', 'password_changed', 'token_ended')),
  PRIMARY KEY (tenant_id, id_hash),
  FOREIGN KEY (tenant_id, user_name) REFERENCES users ON DELETE CASCADE,
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
-- split
CREATE INDEX sessions_user ON sessions (tenant_id, user_name) WHERE ended_at IS NULL;
-- split
-- A session's start and end are audited; its last_seen_at, touched by requests, is not.
CREATE TRIGGER audit AFTER INSERT OR DELETE OR UPDATE OF ended_at ON sessions
FOR EACH ROW EXECUTE FUNCTION audit_row('user_name', 'created_at');
-- split
CREATE TABLE sign_in_attempts (
  tenant_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- As typed: an unknown user name is recorded too.
  user_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  method text NOT NULL CHECK (method IN ('local', 'ldap', 'oidc', 'token')),
  succeeded boolean NOT NULL,
  -- unknown_user, bad_password, locked, disabled, no_rights, method_off, directory_unavailable,
  -- expired_password, …; NULL on success.
  reason text,
  client text,
  PRIMARY KEY (tenant_id, id)
);
-- split
CREATE INDEX sign_in_attempts_user ON sign_in_attempts (tenant_id, user_name, at);
-- split
CREATE TRIGGER audit AFTER INSERT ON sign_in_attempts FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'user_name');
-- split
-- An OpenID Connect sign-in between the redirect and the callback: consumed by the callback, so
-- a state (and its nonce) is good once.
CREATE TABLE oidc_flows (
  tenant_id text NOT NULL REFERENCES tenants,
  state_hash bytea NOT NULL CHECK (octet_length(state_hash) = 32),
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  next_path text NOT NULL DEFAULT '/',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, state_hash)
);
-- split
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['role_grants', 'sign_in_settings', 'sessions', 'sign_in_attempts', 'oidc_flows'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''dxskills.tenant_id'', true)) '
      'WITH CHECK (tenant_id = current_setting(''dxskills.tenant_id'', true))', tenant_table);
  END LOOP;
END
$$;
-- split
GRANT SELECT, INSERT, UPDATE, DELETE ON role_grants TO dxskills_app;
-- split
GRANT SELECT ON sign_in_settings TO dxskills_app;
-- split
GRANT SELECT, INSERT, UPDATE ON sessions TO dxskills_app;
-- split
GRANT SELECT, INSERT ON sign_in_attempts TO dxskills_app;
-- split
GRANT SELECT, INSERT, DELETE ON oidc_flows TO dxskills_app;
-- split
-- Disabling a user ends its sessions at once.
CREATE FUNCTION users_end_sessions() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.status = 'disabled' AND OLD.status <> 'disabled' THEN
    UPDATE sessions SET ended_at = now(), end_reason = 'disabled'
    WHERE tenant_id = NEW.tenant_id AND user_name = NEW.name AND ended_at IS NULL;
  END IF;
  RETURN NULL;
END
$$;
-- split
CREATE TRIGGER end_sessions AFTER UPDATE OF status ON users FOR EACH ROW EXECUTE FUNCTION users_end_sessions();
-- split
-- Ending a user's last grant ends its sessions, unless the staff link still gives it rights today.
CREATE FUNCTION role_grants_end_sessions() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  affected text;
BEGIN
  FOR affected IN SELECT DISTINCT o.user_name FROM old_rows o LOOP
    IF NOT EXISTS (SELECT FROM user_rights(affected, tokyo_today())) THEN
      UPDATE sessions SET ended_at = now(), end_reason = 'no_rights'
      WHERE user_name = affected AND ended_at IS NULL;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
-- split
CREATE TRIGGER end_sessions_update AFTER UPDATE ON role_grants REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION role_grants_end_sessions();
-- split
CREATE TRIGGER end_sessions_delete AFTER DELETE ON role_grants REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION role_grants_end_sessions();
-- split
-- The token check keeps its one round trip; the rights are those of today's grant.
CREATE OR REPLACE FUNCTION authenticate_token(p_tenant text, p_token_id text)
RETURNS TABLE (token_hash bytea, user_name text, user_role text, unit_code text, employee_no text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous text := current_setting('dxskills.tenant_id', true);
BEGIN
  PERFORM set_config('dxskills.tenant_id', p_tenant, true);
  RETURN QUERY
    SELECT t.token_hash, t.user_name, r.role, r.unit_code, r.employee_no
    FROM api_tokens t CROSS JOIN LATERAL user_rights(t.user_name, tokyo_today()) r
    WHERE t.token_id = p_token_id AND t.revoked_at IS NULL AND t.expires_at > now();
  PERFORM set_config('dxskills.tenant_id', coalesce(previous, ''), true);
END
$$;
-- split
-- A session cookie's check, in one round trip like the token's: the live session of a hash, with
-- its user's rights of today, touched at most once a minute. A session past its idle or absolute
-- timeout, or whose user has no rights today, is ended here and gives no row.
CREATE FUNCTION authenticate_session(p_tenant text, p_id_hash bytea)
RETURNS TABLE (user_name text, user_role text, unit_code text, employee_no text, csrf_token text,
               method text, must_change_password boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  previous text := current_setting('dxskills.tenant_id', true);
  s_row sessions%ROWTYPE;
  settings sign_in_settings%ROWTYPE;
  reason text;
BEGIN
  IF p_tenant IS NULL OR p_tenant !~ '^[0-9]{6}$' THEN
    RETURN;
  END IF;
  PERFORM set_config('dxskills.tenant_id', p_tenant, true);
  SELECT * INTO s_row FROM sessions s WHERE s.id_hash = p_id_hash AND s.ended_at IS NULL;
  IF s_row.id_hash IS NOT NULL THEN
    SELECT * INTO settings FROM sign_in_settings;
    IF now() - s_row.last_seen_at > make_interval(mins => coalesce(settings.session_idle_minutes, 30))
       OR now() - s_row.created_at > make_interval(mins => coalesce(settings.session_absolute_minutes, 720)) THEN
      reason := 'expired';
    ELSIF NOT EXISTS (SELECT FROM user_rights(s_row.user_name, tokyo_today())) THEN
      reason := 'no_rights';
    ELSIF s_row.token_id IS NOT NULL AND NOT EXISTS (
      SELECT FROM api_tokens t WHERE t.token_id = s_row.token_id AND t.user_name = s_row.user_name
        AND t.revoked_at IS NULL AND t.expires_at > now()) THEN
      reason := 'token_ended';
    END IF;
    IF reason IS NOT NULL THEN
      PERFORM set_config('dxskills.actor', s_row.user_name, true);
      UPDATE sessions s SET ended_at = now(), end_reason = reason WHERE s.id_hash = p_id_hash;
    ELSE
      IF now() - s_row.last_seen_at > interval '1 minute' THEN
        UPDATE sessions s SET last_seen_at = now() WHERE s.id_hash = p_id_hash;
      END IF;
      RETURN QUERY
        SELECT s_row.user_name, r.role, r.unit_code, r.employee_no, s_row.csrf_token, s_row.method,
               (u.password_one_time_until IS NOT NULL AND s_row.method = 'local')
        FROM user_rights(s_row.user_name, tokyo_today()) r JOIN users u ON u.name = s_row.user_name;
    END IF;
  END IF;
  PERFORM set_config('dxskills.tenant_id', coalesce(previous, ''), true);
END
$$;
-- split
-- Until when a user name is locked out: 15 minutes from its last lockout. Names, not users, are
-- locked, so a name the directory knows and dxskills does not is locked the same way.
CREATE FUNCTION sign_in_locked_until(p_name text) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT nullif(max(a.at) + interval '15 minutes', NULL) FROM sign_in_attempts a
  WHERE a.user_name = p_name AND a.reason = 'lockout' AND a.at > clock_timestamp() - interval '15 minutes'
$$;
-- split
-- What a sign-in needs to know of a user name, in the transaction's tenant: whether it exists, its
-- status, lockout, methods, password hash and whether it has rights today. No row for an unknown name.
CREATE FUNCTION sign_in_user(p_name text)
RETURNS TABLE (name text, employee_no text, status text, locked_until timestamptz, sign_in text[],
               password_hash text, password_one_time_until timestamptz, has_rights boolean)
LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.name, u.employee_no, u.status, sign_in_locked_until(u.name), u.sign_in, u.password_hash,
         u.password_one_time_until, EXISTS (SELECT FROM user_rights(u.name, tokyo_today()))
  FROM users u WHERE u.name = p_name
$$;
-- split
-- Records a sign-in attempt in the transaction's tenant and applies the lockout: the fifth failure
-- for a user name within 15 minutes (since its last success and its last lockout) locks the name
-- for 15 minutes, recorded as an attempt with reason `lockout` (and on the user, if there is one).
-- Returns the time the name is locked until, if it is.
CREATE FUNCTION app_record_sign_in(p_name text, p_method text, p_succeeded boolean, p_reason text, p_client text)
RETURNS timestamptz
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant text := nullif(current_setting('dxskills.tenant_id', true), '');
  v_name text := left(p_name, 200);
  failures integer;
  since timestamptz;
BEGIN
  IF tenant IS NULL THEN
    RAISE EXCEPTION 'app_record_sign_in runs in a tenant transaction' USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF p_reason IN ('lockout') THEN
    RAISE EXCEPTION 'the reason lockout is recorded by the lockout itself' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO sign_in_attempts (tenant_id, user_name, method, succeeded, reason, client)
  VALUES (tenant, v_name, p_method, p_succeeded, left(p_reason, 200), left(p_client, 200));
  -- A refusal because of the lock, a directory that could not be asked, or a provider's token
  -- refused (single sign-on takes no password here) is no guess.
  IF NOT p_succeeded AND p_method <> 'oidc' AND coalesce(p_reason, '') NOT IN ('locked', 'directory_unavailable') THEN
    SELECT max(a.at) INTO since FROM sign_in_attempts a
    WHERE a.user_name = v_name AND (a.succeeded OR a.reason = 'lockout');
    SELECT count(*) INTO failures FROM sign_in_attempts a
    WHERE a.user_name = v_name AND NOT a.succeeded AND coalesce(a.reason, '') NOT IN ('locked', 'directory_unavailable')
      AND a.at > clock_timestamp() - interval '15 minutes' AND a.at > coalesce(since, '-infinity');
    IF failures >= 5 THEN
      INSERT INTO sign_in_attempts (tenant_id, user_name, method, succeeded, reason, client)
      VALUES (tenant, v_name, p_method, false, 'lockout', left(p_client, 200));
      UPDATE users u SET locked_until = sign_in_locked_until(v_name) WHERE u.name = v_name;
    END IF;
  END IF;
  RETURN sign_in_locked_until(v_name);
END
$$;
-- split
-- Sets the password of the transaction's actor (changing its own), or, for an admin, of anyone
-- else's as a one-time password valid 24 hours. Ends the user's other sessions.
CREATE FUNCTION app_set_password(p_name text, p_hash text, p_keep_session bytea) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := nullif(current_setting('dxskills.actor', true), '');
BEGIN
  IF p_name IS DISTINCT FROM actor THEN
    PERFORM app_admin_actor();
  END IF;
  UPDATE users u SET password_hash = p_hash, password_changed_at = now(), locked_until = NULL,
    password_one_time_until = CASE WHEN p_name = actor THEN NULL ELSE now() + interval '24 hours' END
  WHERE u.name = p_name;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no user %', p_name USING ERRCODE = 'foreign_key_violation';
  END IF;
  UPDATE sessions s SET ended_at = now(), end_reason = 'password_changed'
  WHERE s.user_name = p_name AND s.ended_at IS NULL AND s.id_hash IS DISTINCT FROM p_keep_session;
END
$$;
-- split
-- The tenants a sign-in page offers, with the methods each allows. Names and codes of the
-- municipalities served are public; nothing else is returned. Only this function (it runs as the
-- schema owner) sees every tenant: the policies below admit the owner alone, and only while the
-- function has set dxskills.listing.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY sign_in_listing ON tenants FOR SELECT TO %I '
                 'USING (current_setting(''dxskills.listing'', true) = ''tenants'')', current_user);
  EXECUTE format('CREATE POLICY sign_in_listing ON sign_in_settings FOR SELECT TO %I '
                 'USING (current_setting(''dxskills.listing'', true) = ''tenants'')', current_user);
END
$$;
-- split
CREATE FUNCTION sign_in_tenants() RETURNS TABLE (tenant_id text, name text, methods text[])
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM set_config('dxskills.listing', 'tenants', true);
  RETURN QUERY
    SELECT t.tenant_id, t.name, coalesce(s.methods, '{local}')
    FROM tenants t LEFT JOIN sign_in_settings s ON s.tenant_id = t.tenant_id
    ORDER BY t.tenant_id;
  PERFORM set_config('dxskills.listing', '', true);
END
$$;
-- split
-- Admin's writes of users now create the grant: from today, open-ended.
CREATE OR REPLACE FUNCTION app_admin_actor() RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := nullif(current_setting('dxskills.actor', true), '');
BEGIN
  IF nullif(current_setting('dxskills.tenant_id', true), '') IS NULL
     OR coalesce(current_setting('dxskills.role', true), '') <> 'admin'
     OR actor IS NULL
     OR NOT EXISTS (SELECT FROM user_rights(actor, tokyo_today()) r WHERE r.role = 'admin') THEN
    RAISE EXCEPTION 'only an admin of this tenant may change users and tokens'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN actor;
END
$$;
-- split
CREATE OR REPLACE FUNCTION app_set_user(p_name text, p_role text, p_unit text, p_employee_no text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := app_admin_actor();
BEGIN
  IF p_name = actor THEN
    RAISE EXCEPTION 'nobody may change their own user (%)', actor USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_role = 'staff' AND p_employee_no IS NULL THEN
    RAISE EXCEPTION 'a staff user needs an employee number' USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO users (tenant_id, name, employee_no)
  VALUES (current_setting('dxskills.tenant_id'), p_name, p_employee_no)
  ON CONFLICT (tenant_id, name) DO UPDATE SET employee_no = excluded.employee_no
  WHERE users.employee_no IS DISTINCT FROM excluded.employee_no;
  PERFORM set_role_grant(p_name, p_role, CASE WHEN p_role IN ('manager', 'evaluator') THEN p_unit END, tokyo_today());
END
$$;
-- split
-- The staff import's users: every staff member in service has one, named by the employee number
-- and linked to it, with the staff file's address when it gives one; a staff member who has
-- retired has its user disabled, and one back in service has it enabled again. Returns the
-- numbers of users created, disabled and enabled.
CREATE FUNCTION app_sync_staff_users(p_day date) RETURNS TABLE (created integer, disabled integer, enabled integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant text := nullif(current_setting('dxskills.tenant_id', true), '');
BEGIN
  IF tenant IS NULL
     OR (session_user = 'dxskills_app' AND coalesce(current_setting('dxskills.role', true), '') NOT IN ('hr', 'admin')) THEN
    RAISE EXCEPTION 'only hr and admin may import staff' USING ERRCODE = 'insufficient_privilege';
  END IF;
  WITH inserted AS (
    INSERT INTO users (tenant_id, name, employee_no, email)
    SELECT tenant, s.employee_no, s.employee_no, s.email FROM staff s
    WHERE (s.retired_on IS NULL OR s.retired_on >= p_day)
      AND NOT EXISTS (SELECT FROM users u WHERE u.name = s.employee_no)
    RETURNING 1
  )
  SELECT count(*) INTO created FROM inserted;
  UPDATE users u SET email = s.email FROM staff s
  WHERE u.name = s.employee_no AND u.employee_no = s.employee_no AND s.email IS NOT NULL
    AND u.email IS DISTINCT FROM s.email;
  WITH changed AS (
    UPDATE users u SET status = 'disabled', disabled_reason = 'retired' FROM staff s
    WHERE u.name = s.employee_no AND u.employee_no = s.employee_no AND u.status = 'active' AND s.retired_on < p_day
    RETURNING 1
  )
  SELECT count(*) INTO disabled FROM changed;
  WITH changed AS (
    UPDATE users u SET status = 'active', disabled_reason = NULL FROM staff s
    WHERE u.name = s.employee_no AND u.employee_no = s.employee_no AND u.disabled_reason = 'retired'
      AND (s.retired_on IS NULL OR s.retired_on >= p_day)
    RETURNING 1
  )
  SELECT count(*) INTO enabled FROM changed;
  RETURN NEXT;
END
$$;
-- split
REVOKE ALL ON FUNCTION user_rights(text, date), set_role_grant(text, text, text, date),
  authenticate_session(text, bytea), sign_in_user(text), sign_in_locked_until(text), app_record_sign_in(text, text, boolean, text, text),
  app_set_password(text, text, bytea), sign_in_tenants(), app_sync_staff_users(date) FROM PUBLIC;
-- split
GRANT EXECUTE ON FUNCTION user_rights(text, date), set_role_grant(text, text, text, date),
  authenticate_session(text, bytea), sign_in_user(text), sign_in_locked_until(text), app_record_sign_in(text, text, boolean, text, text),
  app_set_password(text, text, bytea), sign_in_tenants(), app_sync_staff_users(date) TO dxskills_app;
-- split
-- A personal token for the transaction's actor, who has just signed in with its password
-- (`dxskills login`): at most 90 days, and only for a user with rights today.
CREATE FUNCTION app_issue_own_token(p_token_id text, p_token_hash bytea, p_expires_in_days integer)
RETURNS timestamptz
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := nullif(current_setting('dxskills.actor', true), '');
  expires timestamptz;
BEGIN
  IF actor IS NULL OR NOT EXISTS (SELECT FROM user_rights(actor, tokyo_today())) THEN
    RAISE EXCEPTION 'only a signed-in user with rights today gets a personal token' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_token_id IS NULL OR p_token_id !~ '^[0-9a-f]{12}$' OR p_token_hash IS NULL OR octet_length(p_token_hash) <> 32 THEN
    RAISE EXCEPTION 'a token id is 12 lower-case hex digits and its hash 32 bytes' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_expires_in_days IS NULL OR p_expires_in_days NOT BETWEEN 1 AND 90 THEN
    RAISE EXCEPTION 'a personal token expires in 1 to 90 days' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO api_tokens (tenant_id, token_id, user_name, token_hash, expires_at)
  VALUES (current_setting('dxskills.tenant_id'), p_token_id, actor, p_token_hash,
          now() + make_interval(days => p_expires_in_days))
  RETURNING expires_at INTO expires;
  RETURN expires;
END
$$;
-- split
REVOKE ALL ON FUNCTION app_issue_own_token(text, bytea, integer) FROM PUBLIC;
-- split
GRANT EXECUTE ON FUNCTION app_issue_own_token(text, bytea, integer) TO dxskills_app;
-- split
-- The address a directory (`mail`) or an OpenID provider (`email`) gave for a user who has just
-- signed in, kept when the user has none yet.
CREATE FUNCTION app_note_directory_mail(p_mail text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := nullif(current_setting('dxskills.actor', true), '');
BEGIN
  IF p_mail IS NULL OR p_mail !~ '^[^@\s]+@[^@\s]+$' OR actor IS NULL THEN
    RETURN;
  END IF;
  UPDATE users u SET email = p_mail WHERE u.name = actor AND u.email IS NULL;
END
$$;
-- split
REVOKE ALL ON FUNCTION app_note_directory_mail(text) FROM PUBLIC;
-- split
GRANT EXECUTE ON FUNCTION app_note_directory_mail(text) TO dxskills_app;
