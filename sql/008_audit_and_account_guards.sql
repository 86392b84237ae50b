-- The audit log is written only by the schema's own functions, and users and tokens change only
-- through functions that check who is asking (security review, issue 14, defect 9).
--
-- Until now the service role could INSERT into audit_log itself, with any actor and any time, and
-- could UPDATE users SET role = 'admin'. From here on:
--   * audit rows come from the trigger functions audit_row and audit_statement and from
--     audit_read / audit_refusal; all four are SECURITY DEFINER (they run as the schema owner) and
--     take the actor, request id and time from the transaction, never from the caller's INSERT;
--   * dxskills_app keeps SELECT on audit_log, users and api_tokens, and loses INSERT on audit_log
--     and INSERT, UPDATE, DELETE on users and api_tokens; writes to those two go through
--     app_set_user, app_issue_token and app_revoke_token, which check the transaction's caller.
-- Row-level security is forced on every tenant table, so the owner these functions run as is
-- bound by the tenant policy like the service: an audit row can only land in the transaction's
-- tenant (audit_refusal sets the tenant for its one row and puts the previous one back).

-- The definer must not be a role that bypasses row-level security (a superuser or BYPASSRLS):
-- the functions below would then write across tenants. Migrations run as the schema owner.
DO $$
DECLARE
  definer pg_roles%ROWTYPE;
BEGIN
  SELECT * INTO definer FROM pg_roles WHERE rolname = current_user;
  IF definer.rolsuper OR definer.rolbypassrls THEN
    RAISE EXCEPTION 'run the migrations as the schema owner (the role that owns audit_log), not as %: '
      'it bypasses row-level security, and the audit and account functions would run with it', current_user;
  END IF;
  IF (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass) <> definer.oid THEN
    RAISE EXCEPTION 'run the migrations as the schema owner (the role that owns audit_log), not as %', current_user;
  END IF;
END
$$;
-- split
-- The trigger functions run as the owner, with a search path the caller cannot change. What
-- they write is still decided by the row that fired them and the transaction's settings. (Run as
-- the caller, with the caller's search path, pg_temp came first: a temporary table named audit_log
-- took the audit rows of the caller's writes, and was dropped with them.)
ALTER FUNCTION audit_row() SECURITY DEFINER SET search_path = public, pg_temp;
-- split
ALTER FUNCTION audit_statement() SECURITY DEFINER SET search_path = public, pg_temp;
-- split
REVOKE EXECUTE ON FUNCTION audit_row(), audit_statement() FROM PUBLIC;
-- split
REVOKE INSERT ON audit_log FROM dxskills_app;
-- split
DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM dxskills_app', pg_get_serial_sequence('audit_log', 'id'));
END
$$;
-- split
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON users, api_tokens FROM dxskills_app;
-- split
-- A read worth recording (reference §1: every read of rankings): one row in the transaction's
-- tenant, with its actor and request id, action `read`, at the time of the call.
CREATE FUNCTION audit_read(p_entity text, p_key jsonb, p_detail jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant text := nullif(current_setting('dxskills.tenant_id', true), '');
BEGIN
  IF tenant IS NULL THEN
    RAISE EXCEPTION 'audit_read runs in a tenant transaction' USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF p_entity IS NULL OR p_entity !~ '^[a-z][a-z_]{0,62}$' THEN
    RAISE EXCEPTION 'audit_read: entity must be a lower-case name, got %', p_entity
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_key IS NOT NULL AND jsonb_typeof(p_key) <> 'object' THEN
    RAISE EXCEPTION 'audit_read: key must be a JSON object' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO audit_log (tenant_id, at, actor, action, entity, key, before, after, request_id)
  VALUES (
    tenant, clock_timestamp(),
    coalesce(nullif(current_setting('dxskills.actor', true), ''), session_user),
    'read', p_entity, coalesce(p_key, '{}'), NULL, p_detail,
    nullif(current_setting('dxskills.request_id', true), ''));
END
$$;
-- split
-- A refused request (401, 403, or a 404 outside the caller's scope): one row with action `refuse`,
-- entity `request`, key {route, status}, after {reason, client}. Callable on its own, outside any
-- tenant transaction: the tenant is set for this one row and put back as it was. A tenant that is
-- not a 6-digit code (a garbage token, no token) is recorded as `-`, an unknown actor as `-`.
-- Texts are cut to a bounded length so that a refused request cannot grow the log without limit.
CREATE FUNCTION audit_refusal(
  p_tenant text, p_actor text, p_route text, p_status integer, p_reason text, p_client text, p_request_id text
) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  previous text := current_setting('dxskills.tenant_id', true);
  tenant text := CASE WHEN p_tenant ~ '^[0-9]{6}$' THEN p_tenant ELSE '-' END;
BEGIN
  IF p_status IS NULL OR p_status NOT BETWEEN 400 AND 599 THEN
    RAISE EXCEPTION 'audit_refusal: status must be a 4xx or 5xx code, got %', p_status
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM set_config('dxskills.tenant_id', tenant, true);
  INSERT INTO audit_log (tenant_id, at, actor, action, entity, key, before, after, request_id)
  VALUES (
    tenant, clock_timestamp(),
    coalesce(nullif(left(p_actor, 200), ''), '-'),
    'refuse', 'request',
    jsonb_build_object('route', left(coalesce(p_route, ''), 500), 'status', p_status),
    NULL,
    jsonb_build_object('reason', left(p_reason, 1000), 'client', left(p_client, 200)),
    coalesce(nullif(left(p_request_id, 200), ''), nullif(current_setting('dxskills.request_id', true), '')));
  PERFORM set_config('dxskills.tenant_id', coalesce(previous, ''), true);
END
$$;
-- split
-- The caller of a user or token write: the transaction's actor, who must be signed in with the
-- role admin (dxskills.role, set with the tenant) and be stored as an admin user of the
-- transaction's tenant. Anything else is insufficient_privilege (42501).
CREATE FUNCTION app_admin_actor() RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := nullif(current_setting('dxskills.actor', true), '');
BEGIN
  IF nullif(current_setting('dxskills.tenant_id', true), '') IS NULL
     OR coalesce(current_setting('dxskills.role', true), '') <> 'admin'
     OR actor IS NULL
     OR NOT EXISTS (SELECT FROM users u WHERE u.name = actor AND u.role = 'admin') THEN
    RAISE EXCEPTION 'only an admin of this tenant may change users and tokens'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN actor;
END
$$;
-- split
-- Adds a user of the transaction's tenant or changes its role and scope; nobody changes their own.
CREATE FUNCTION app_set_user(p_name text, p_role text, p_unit text, p_employee_no text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := app_admin_actor();
BEGIN
  IF p_name = actor THEN
    RAISE EXCEPTION 'nobody may change their own user (%)', actor USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO users (tenant_id, name, role, unit_code, employee_no)
  VALUES (current_setting('dxskills.tenant_id'), p_name, p_role, p_unit, p_employee_no)
  ON CONFLICT (tenant_id, name) DO UPDATE
  SET role = excluded.role, unit_code = excluded.unit_code, employee_no = excluded.employee_no
  WHERE (users.role, users.unit_code, users.employee_no)
    IS DISTINCT FROM (excluded.role, excluded.unit_code, excluded.employee_no);
END
$$;
-- split
-- Stores a token the service generated (only its SHA-256) for a user of the transaction's tenant;
-- returns when it expires.
CREATE FUNCTION app_issue_token(p_user text, p_token_id text, p_token_hash bytea, p_expires_in_days integer)
RETURNS timestamptz
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := app_admin_actor();
  expires timestamptz;
BEGIN
  IF p_token_id IS NULL OR p_token_id !~ '^[0-9a-f]{12}$' THEN
    RAISE EXCEPTION 'a token id is 12 lower-case hex digits' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_token_hash IS NULL OR octet_length(p_token_hash) <> 32 THEN
    RAISE EXCEPTION 'a token hash is the 32 bytes of its SHA-256' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_expires_in_days IS NULL OR p_expires_in_days NOT BETWEEN 1 AND 3650 THEN
    RAISE EXCEPTION 'a token expires in 1 to 3650 days' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO api_tokens (tenant_id, token_id, user_name, token_hash, expires_at)
  VALUES (current_setting('dxskills.tenant_id'), p_token_id, p_user, p_token_hash,
          now() + make_interval(days => p_expires_in_days))
  RETURNING expires_at INTO expires;
  RETURN expires;
END
$$;
-- split
-- Revokes a token of the transaction's tenant: an admin any token, any other user only its own
-- (signing out). A token already revoked stays revoked at its first time. True when the token
-- exists (and may be revoked by this caller).
CREATE FUNCTION app_revoke_token(p_token_id text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := nullif(current_setting('dxskills.actor', true), '');
  owner text;
BEGIN
  SELECT t.user_name INTO owner FROM api_tokens t WHERE t.token_id = p_token_id;
  -- Anyone but an admin is refused for every token not its own, existing or not.
  IF owner IS NULL OR owner IS DISTINCT FROM actor THEN
    PERFORM app_admin_actor();
  END IF;
  IF owner IS NULL THEN
    RETURN false;
  END IF;
  UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE token_id = p_token_id;
  RETURN true;
END
$$;
-- split
REVOKE ALL ON FUNCTION audit_read(text, jsonb, jsonb),
  audit_refusal(text, text, text, integer, text, text, text), app_admin_actor(),
  app_set_user(text, text, text, text), app_issue_token(text, text, bytea, integer), app_revoke_token(text)
  FROM PUBLIC;
-- split
GRANT EXECUTE ON FUNCTION audit_read(text, jsonb, jsonb),
  audit_refusal(text, text, text, integer, text, text, text),
  app_set_user(text, text, text, text), app_issue_token(text, text, bytea, integer), app_revoke_token(text)
  TO dxskills_app;
