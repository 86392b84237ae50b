-- The token check in one round trip. Called outside a transaction block, the statement is its own
-- transaction; the tenant is set for the lookup only (row-level security still decides which rows
-- are seen) and put back as it was, so a caller inside a tenant transaction keeps its tenant.
CREATE FUNCTION authenticate_token(p_tenant text, p_token_id text)
RETURNS TABLE (token_hash bytea, user_name text, user_role text, unit_code text, employee_no text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous text := current_setting('dxskills.tenant_id', true);
BEGIN
  PERFORM set_config('dxskills.tenant_id', p_tenant, true);
  RETURN QUERY
    SELECT t.token_hash, u.name, u.role, u.unit_code, u.employee_no
    FROM api_tokens t JOIN users u ON u.tenant_id = t.tenant_id AND u.name = t.user_name
    WHERE t.token_id = p_token_id AND t.revoked_at IS NULL AND t.expires_at > now();
  PERFORM set_config('dxskills.tenant_id', coalesce(previous, ''), true);
END
$$;
-- split
-- The report functions read tables and settings only: PARALLEL SAFE lets a report that calls them
-- use parallel scans. Left at the default (UNSAFE), even an inlined call keeps the whole statement
-- on one core; the rankings query spent 1.2 s aggregating a year of training on one.
ALTER FUNCTION unit_subtree(text) PARALLEL SAFE;
-- split
ALTER FUNCTION headcount_population(date) PARALLEL SAFE;
-- split
ALTER FUNCTION cert_validity() PARALLEL SAFE;
-- split
ALTER FUNCTION skill_evidence(date) PARALLEL SAFE;
-- split
ALTER FUNCTION skill_levels(date) PARALLEL SAFE;
-- split
ALTER FUNCTION unit_members(text, date) PARALLEL SAFE;
-- split
ALTER FUNCTION report_members(text, date, boolean) PARALLEL SAFE;
-- split
ALTER FUNCTION career_due_on(date, integer) PARALLEL SAFE;
