-- The BASELINE of `make bench` for the rankings export (scripts/bench.py, line "rankings
-- export, …"): the one hand-written query that computes the evaluation totals of the demo
-- criteria (hours 20 cap 30, certs 20 cap 10, skills 30 over L-DATA L-SEC L-TOOL, leader 10,
-- contrib 20) in numeric arithmetic and ranks them. Not used by the service: bench.py times
-- `\copy (this query) TO FILE CSV HEADER` against `dxskills rankings --format csv -o` and notes
-- any total that differs (docs/reference.md §4.8).
-- Columns: employee_no, total, rank.
--
-- Parameters (psql variables; bench.py puts literals in their place):
--   :'tenant'  the tenant, e.g. '141003'    :year   the fiscal year, e.g. 2025
--   :'day'     the as-of date               :'first', :'last'  the fiscal year's first and last day
-- By hand:  psql -v tenant=139999 -v year=2025 -v day=2026-03-31 -v first=2025-04-01 \
--             -v last=2026-03-31 -f bench/baseline-ranking.sql
-- Comments only on lines of their own: bench.py drops them and joins the rest into one line
-- (\copy takes its query on one line).
WITH people AS (
  SELECT a.employee_no FROM assignments a JOIN staff s ON s.tenant_id = a.tenant_id AND s.employee_no = a.employee_no
  WHERE a.tenant_id = :'tenant' AND a.is_primary AND a.valid_from <= :'day'::date AND (a.valid_to IS NULL OR :'day'::date <= a.valid_to)
    AND s.hired_on <= :'day'::date AND (s.retired_on IS NULL OR :'day'::date <= s.retired_on) AND s.employment_type IN ('regular', 'fixed_term')),
hours AS (
  SELECT r.employee_no, sum(coalesce(r.hours, c.hours)) AS h FROM training_records r
  JOIN courses c ON c.tenant_id = r.tenant_id AND c.code = r.course_code
  WHERE r.tenant_id = :'tenant' AND r.status = 'completed' AND r.completed_on BETWEEN :'first'::date AND :'day'::date GROUP BY 1),
points AS (
  SELECT employee_no, sum(points) AS p FROM (
    SELECT DISTINCT h.employee_no, h.cert_code, c.points FROM cert_holdings h JOIN certifications c ON c.tenant_id = h.tenant_id AND c.code = h.cert_code
    WHERE h.tenant_id = :'tenant' AND h.acquired_on <= :'day'::date
      AND :'day'::date <= coalesce(h.expires_on, (h.acquired_on + make_interval(years => c.valid_years))::date - 1, 'infinity')) v GROUP BY 1),
evidence AS (
  SELECT r.employee_no, cs.skill_code, cs.level FROM training_records r
  JOIN courses c ON c.tenant_id = r.tenant_id AND c.code = r.course_code
  JOIN course_skills cs ON cs.tenant_id = r.tenant_id AND cs.course_code = r.course_code
  WHERE r.tenant_id = :'tenant' AND r.status = 'completed' AND r.completed_on <= :'day'::date AND (c.pass_score IS NULL OR r.score >= c.pass_score)
  UNION ALL
  SELECT h.employee_no, x.skill_code, x.level FROM cert_holdings h JOIN certifications c ON c.tenant_id = h.tenant_id AND c.code = h.cert_code
  JOIN certification_skills x ON x.tenant_id = h.tenant_id AND x.cert_code = h.cert_code
  WHERE h.tenant_id = :'tenant' AND h.acquired_on <= :'day'::date
    AND :'day'::date <= coalesce(h.expires_on, (h.acquired_on + make_interval(years => c.valid_years))::date - 1, 'infinity')
  UNION ALL
  SELECT employee_no, skill_code, level FROM assessments WHERE tenant_id = :'tenant' AND assessed_on <= :'day'::date),
levels AS (
  SELECT employee_no, sum(l) AS s FROM (SELECT employee_no, skill_code, max(level) AS l FROM evidence
  WHERE skill_code IN ('L-DATA', 'L-SEC', 'L-TOOL') GROUP BY 1, 2) x GROUP BY 1),
leaders AS (
  SELECT DISTINCT employee_no FROM designations WHERE tenant_id = :'tenant' AND role IN ('leader', 'sub_leader')
    AND term_start <= :'last'::date AND term_end >= :'first'::date),
finals AS (
  SELECT DISTINCT ON (employee_no) employee_no, rating FROM ratings WHERE tenant_id = :'tenant' AND fiscal_year = :year AND item = 'contrib'
  ORDER BY employee_no, stage DESC),
totals AS (
  SELECT p.employee_no, round((20 * least(coalesce(h.h, 0) / 30, 1) * 100 + 20 * least(coalesce(pt.p, 0) / 10.0, 1) * 100
    + 30 * coalesce(l.s, 0) / 3.0 / 4 * 100 + 10 * (CASE WHEN ld.employee_no IS NULL THEN 0 ELSE 100 END)
    + 20 * (position(f.rating IN 'DCBAS') - 1) * 25) / 100, 2) AS total
  FROM people p LEFT JOIN hours h USING (employee_no) LEFT JOIN points pt USING (employee_no) LEFT JOIN levels l USING (employee_no)
  LEFT JOIN leaders ld USING (employee_no) LEFT JOIN finals f USING (employee_no))
SELECT employee_no, total, rank() OVER (ORDER BY total DESC NULLS LAST) FROM totals ORDER BY 3, 1;
