-- Issue 15: one SQL definition of "the counted staff of a unit's subtree on D" (reference §4.2).
-- unit_rollup pairs every unit of a subtree with itself and each of its ancestors within the subtree;
-- the counted staff of a unit's subtree are the Headcount population (headcount_population) whose
-- unit of assignment rolls up to it. Headcount, Coverage, Completion and leader coverage all read it.
CREATE FUNCTION unit_rollup(root text) RETURNS TABLE (leaf text, unit_code text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT tree.code, ancestor.code
  FROM unit_subtree(root) tree CROSS JOIN LATERAL unnest(tree.path) AS ancestor(code)
$$;
-- split
-- Every counted staff member of each unit's subtree, one row per (unit, member).
CREATE OR REPLACE FUNCTION unit_members(root text, as_of date) RETURNS TABLE (unit_code text, employee_no text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT r.unit_code, p.employee_no
  FROM headcount_population(as_of) p JOIN unit_rollup(root) r ON r.leaf = p.unit_code
$$;
-- split
-- The number of them per unit, counted per unit of assignment first and then added up the tree:
-- the per-person join is done once, not once per ancestor.
CREATE FUNCTION unit_headcounts(root text, as_of date) RETURNS TABLE (unit_code text, headcount integer)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH leaf AS (SELECT p.unit_code, count(*) AS n FROM headcount_population(as_of) p GROUP BY p.unit_code)
  SELECT r.unit_code, sum(l.n)::integer FROM leaf l JOIN unit_rollup(root) r ON r.leaf = l.unit_code
  GROUP BY r.unit_code
$$;
-- split
GRANT EXECUTE ON FUNCTION unit_rollup(text), unit_headcounts(text, date) TO dxskills_app
