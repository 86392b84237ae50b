-- The recursive queries name the tenant themselves (docs/scaling.md §3): every step of a walk over
-- the unit tree joins on tenant_id as well as on the parent code, and its start filters on the
-- transaction's tenant. Row-level security already kept them in the tenant; this keeps them there
-- without it (a role that bypasses RLS, such as dxskills_backup), and gives a distributed planner
-- such as Citus the distribution column in every join of the walk.
CREATE OR REPLACE FUNCTION unit_subtree(root text) RETURNS TABLE (code text, depth integer, path text[])
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH RECURSIVE sub AS (
    SELECT u.tenant_id, u.code, 0 AS depth, ARRAY[u.code] AS path FROM units u
    WHERE u.tenant_id = current_setting('dxskills.tenant_id', true)
      AND ((root IS NULL AND u.parent_code IS NULL) OR u.code = root)
    UNION ALL
    SELECT u.tenant_id, u.code, s.depth + 1, s.path || u.code
    FROM sub s JOIN units u ON u.tenant_id = s.tenant_id AND u.parent_code = s.code
  )
  SELECT code, depth, path FROM sub
$$;
-- split
CREATE OR REPLACE FUNCTION unit_managers(p_unit text, p_day date) RETURNS TABLE (name text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH RECURSIVE up AS (
    SELECT u.tenant_id, u.code, u.parent_code, 0 AS depth FROM units u
    WHERE u.tenant_id = current_setting('dxskills.tenant_id', true) AND u.code = p_unit
    UNION ALL
    SELECT p.tenant_id, p.code, p.parent_code, up.depth + 1
    FROM up JOIN units p ON p.tenant_id = up.tenant_id AND p.code = up.parent_code WHERE up.depth < 64
  ),
  granted AS (
    SELECT r.name, up.depth FROM up JOIN users_with_rights(p_day) r ON r.unit_code = up.code
    WHERE r.role IN ('manager', 'evaluator')
  )
  SELECT g.name FROM granted g WHERE g.depth = (SELECT min(depth) FROM granted)
$$;
