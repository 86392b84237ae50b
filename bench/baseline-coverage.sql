-- The BASELINE of `make bench` for coverage (scripts/bench.py, line "coverage, …"): the one
-- hand-written query that asks PostgreSQL for the coverage report as directly as it can be
-- asked. Not used by the service: bench.py times it against `dxskills coverage` and checks that
-- both give the same numbers (docs/reference.md §4.4).
--
-- Per unit valid on the day (its whole subtree counted) × every skill: headcount and staff at
-- level ≥ 1. Columns: unit code, skill code, headcount, count.
--
-- Parameters (psql variables; bench.py puts quoted literals in their place):
--   :'tenant'  the tenant, e.g. '141003'     :'day'  the as-of date, e.g. '2026-03-31'
-- By hand:  psql -v tenant=139999 -v day=2026-03-31 -f bench/baseline-coverage.sql
-- Comments only on lines of their own: bench.py drops them and joins the rest into one line.
WITH RECURSIVE tree AS (
  SELECT code, ARRAY[code] AS path FROM units WHERE tenant_id = :'tenant' AND parent_code IS NULL
  UNION ALL SELECT u.code, tree.path || u.code FROM tree JOIN units u ON u.tenant_id = :'tenant' AND u.parent_code = tree.code),
people AS (
  SELECT a.employee_no, a.unit_code FROM assignments a JOIN staff s ON s.tenant_id = a.tenant_id AND s.employee_no = a.employee_no
  WHERE a.tenant_id = :'tenant' AND a.is_primary AND a.valid_from <= :'day'::date AND (a.valid_to IS NULL OR :'day'::date <= a.valid_to)
    AND s.hired_on <= :'day'::date AND (s.retired_on IS NULL OR :'day'::date <= s.retired_on) AND s.employment_type IN ('regular', 'fixed_term')),
members AS (SELECT x.code AS unit_code, p.employee_no FROM people p JOIN tree ON tree.code = p.unit_code CROSS JOIN unnest(tree.path) x(code)),
shown AS (
  SELECT r.employee_no, cs.skill_code FROM training_records r
  JOIN courses c ON c.tenant_id = r.tenant_id AND c.code = r.course_code
  JOIN course_skills cs ON cs.tenant_id = r.tenant_id AND cs.course_code = r.course_code
  WHERE r.tenant_id = :'tenant' AND r.status = 'completed' AND r.completed_on <= :'day'::date AND (c.pass_score IS NULL OR r.score >= c.pass_score)
  UNION
  SELECT h.employee_no, x.skill_code FROM cert_holdings h JOIN certifications c ON c.tenant_id = h.tenant_id AND c.code = h.cert_code
  JOIN certification_skills x ON x.tenant_id = h.tenant_id AND x.cert_code = h.cert_code
  WHERE h.tenant_id = :'tenant' AND h.acquired_on <= :'day'::date
    AND :'day'::date <= coalesce(h.expires_on, (h.acquired_on + make_interval(years => c.valid_years))::date - 1, 'infinity')
  UNION
  SELECT employee_no, skill_code FROM assessments WHERE tenant_id = :'tenant' AND assessed_on <= :'day'::date AND level >= 1),
heads AS (SELECT unit_code, count(*) AS n FROM members GROUP BY unit_code),
reached AS (SELECT m.unit_code, s.skill_code, count(*) AS n FROM members m JOIN shown s USING (employee_no) GROUP BY 1, 2)
SELECT u.code, k.code, coalesce(h.n, 0), coalesce(r.n, 0)
FROM units u CROSS JOIN skills k
LEFT JOIN heads h ON h.unit_code = u.code LEFT JOIN reached r ON r.unit_code = u.code AND r.skill_code = k.code
WHERE u.tenant_id = :'tenant' AND k.tenant_id = :'tenant' AND u.valid_from <= :'day'::date AND (u.valid_to IS NULL OR :'day'::date <= u.valid_to)
ORDER BY 1, 2;
