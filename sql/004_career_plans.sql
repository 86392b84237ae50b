-- Career plans (SPEC 4.9): the due date of a stage, as one SQL definition.

-- The last day of a plan's first `years` years: the day before the anniversary of start_on. A start
-- on 29 February counts from 1 March, so its anniversaries never fall back to 28 February
-- (2024-02-29 + 1 year → 2025-03-01, due 2025-02-28; + 4 years → 2028-03-01, due 2028-02-29).
CREATE FUNCTION career_due_on(start_on date, years integer) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT ((CASE WHEN extract(month FROM start_on) = 2 AND extract(day FROM start_on) = 29
                THEN start_on + 1 ELSE start_on END)
          + make_interval(years => years))::date - 1
$$;
