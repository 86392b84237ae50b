-- The built-in skill and certification catalogs, and Level (SPEC 4.3) as one SQL definition.

-- Seeds the current tenant's catalog with the built-in entries; a tenant's own entry with the same
-- code wins (nothing is overwritten). Called when a tenant is created, and safe to call again.
CREATE FUNCTION seed_builtin_catalog() RETURNS void LANGUAGE sql AS $$
  INSERT INTO skills (tenant_id, code, name, name_en, category, framework, builtin)
  SELECT current_setting('dxskills.tenant_id'), v.code, v.name, v.name_en, v.category, v.framework, true
  FROM (VALUES
    ('L-WHY',  '社会と顧客の変化を捉える',       'Why DX: society and users',        'Why',       'DSS-L'),
    ('L-DATA', 'データを読み、使う',             'Reading and using data',           'What',      'DSS-L'),
    ('L-TECH', 'デジタル技術を知る',             'Digital technology basics',        'What',      'DSS-L'),
    ('L-TOOL', 'ツールで業務を変える',           'Changing work with tools',         'How',       'DSS-L'),
    ('L-SEC',  '情報を守る(セキュリティとモラル)', 'Security and information ethics',  'How',       'DSS-L'),
    ('L-MIND', '変革に向かう姿勢',               'Mindset for change',               'Mindset',   'DSS-L'),
    ('P-BA',   'ビジネスアーキテクト',           'Business architect',               'Role',      'DSS-P'),
    ('P-DES',  'デザイナー',                     'Designer',                         'Role',      'DSS-P'),
    ('P-DS',   'データサイエンティスト',         'Data scientist',                   'Role',      'DSS-P'),
    ('P-SE',   'ソフトウェアエンジニア',         'Software engineer',                'Role',      'DSS-P'),
    ('P-CS',   'サイバーセキュリティ',           'Cybersecurity',                    'Role',      'DSS-P')
  ) AS v(code, name, name_en, category, framework)
  ON CONFLICT (tenant_id, code) DO NOTHING;

  INSERT INTO certifications (tenant_id, code, name, valid_years, points, builtin)
  SELECT current_setting('dxskills.tenant_id'), v.code, v.name, v.valid_years, v.points, true
  FROM (VALUES
    ('IP', 'ITパスポート',                 NULL::integer, 1),
    ('SG', '情報セキュリティマネジメント', NULL,          3),
    ('FE', '基本情報技術者',               NULL,          5),
    ('AP', '応用情報技術者',               NULL,          8),
    -- 登録情報処理安全確保支援士 must renew its registration every 3 years.
    ('SC', '情報処理安全確保支援士',       3,             10)
  ) AS v(code, name, valid_years, points)
  ON CONFLICT (tenant_id, code) DO NOTHING;

  INSERT INTO certification_skills (tenant_id, cert_code, skill_code, level)
  SELECT current_setting('dxskills.tenant_id'), v.cert_code, v.skill_code, v.level
  FROM (VALUES
    ('IP', 'L-TECH', 2), ('IP', 'L-SEC', 1),
    ('SG', 'L-SEC', 2),
    ('FE', 'P-SE', 2), ('FE', 'L-TECH', 3),
    ('AP', 'P-SE', 3), ('AP', 'L-TECH', 3),
    ('SC', 'P-CS', 4), ('SC', 'L-SEC', 4)
  ) AS v(cert_code, skill_code, level)
  JOIN certifications c ON c.code = v.cert_code AND c.builtin
  ON CONFLICT (tenant_id, cert_code, skill_code) DO NOTHING;
$$;
-- split
-- A holding's last valid day: its own expires_on, else acquired_on + valid_years − 1 day, else none.
CREATE FUNCTION cert_validity() RETURNS TABLE (
  employee_no text, cert_code text, acquired_on date, valid_until date
) LANGUAGE sql STABLE AS $$
  SELECT h.employee_no, h.cert_code, h.acquired_on,
         coalesce(h.expires_on, (h.acquired_on + make_interval(years => c.valid_years))::date - 1)
  FROM cert_holdings h JOIN certifications c ON c.tenant_id = h.tenant_id AND c.code = h.cert_code
$$;
-- split
-- 4.3 The evidence of skill levels on D: passed training, valid certifications, assessments.
CREATE FUNCTION skill_evidence(as_of date) RETURNS TABLE (
  employee_no text, skill_code text, source text, reference text, shown_on date, level integer
) LANGUAGE sql STABLE AS $$
  SELECT t.employee_no, cs.skill_code, 'training', t.course_code, t.completed_on, cs.level::integer
  FROM training_records t
  JOIN courses c ON c.tenant_id = t.tenant_id AND c.code = t.course_code
  JOIN course_skills cs ON cs.tenant_id = t.tenant_id AND cs.course_code = t.course_code
  WHERE t.status = 'completed' AND t.completed_on <= as_of
    AND (c.pass_score IS NULL OR t.score >= c.pass_score)
  UNION ALL
  SELECT v.employee_no, x.skill_code, 'certification', v.cert_code, v.acquired_on, x.level::integer
  FROM cert_validity() v
  JOIN certification_skills x ON x.cert_code = v.cert_code
  WHERE v.acquired_on <= as_of AND (v.valid_until IS NULL OR as_of <= v.valid_until)
  UNION ALL
  SELECT a.employee_no, a.skill_code, 'assessment', coalesce(a.assessor, ''), a.assessed_on, a.level::integer
  FROM assessments a WHERE a.assessed_on <= as_of
$$;
-- split
-- 4.3 Level(P, S, D): the highest level any evidence shows (a staff and skill absent here: 0).
CREATE FUNCTION skill_levels(as_of date) RETURNS TABLE (employee_no text, skill_code text, level integer)
LANGUAGE sql STABLE AS $$
  SELECT e.employee_no, e.skill_code, max(e.level)::integer
  FROM skill_evidence(as_of) e
  GROUP BY e.employee_no, e.skill_code
$$;
-- split
-- 4.2 rolled up: for each unit of Subtree(root), the staff counted in its own subtree on D
-- (Headcount(U, D) is the number of rows of U). Headcount, coverage and completion read this.
CREATE FUNCTION unit_members(root text, as_of date) RETURNS TABLE (unit_code text, employee_no text)
LANGUAGE sql STABLE AS $$
  SELECT ancestor.code, p.employee_no
  FROM unit_subtree(root) tree
  JOIN headcount_population(as_of) p ON p.unit_code = tree.code
  CROSS JOIN LATERAL unnest(tree.path) AS ancestor(code)
$$;
-- split
-- The members a report counts: per unit of the subtree, or (tenant_wide) the whole tenant as one
-- line with unit_code ''.
CREATE FUNCTION report_members(root text, as_of date, tenant_wide boolean)
RETURNS TABLE (unit_code text, employee_no text) LANGUAGE sql STABLE AS $$
  SELECT m.unit_code, m.employee_no FROM unit_members(root, as_of) m WHERE NOT tenant_wide
  UNION ALL
  SELECT '', p.employee_no FROM headcount_population(as_of) p WHERE tenant_wide
$$;
