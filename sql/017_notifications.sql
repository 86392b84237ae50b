-- Notifications (reference §8): each tenant's rule settings, the runs, the items (the inbox) and
-- the digests that senders deliver by mail and webhook — an outbox in PostgreSQL.
--
-- An item is identified by (rule, recipient, whom it is about, subject, day, run day): a repeated
-- run of a day writes nothing new. A run writes its items and digests in one transaction; a sender
-- takes a digest with a lease, delivers it and marks it, so a crash between the two sends that one
-- digest again when the lease runs out, and loses nothing.
CREATE TABLE notification_settings (
  tenant_id text PRIMARY KEY REFERENCES tenants,
  -- Days before a certification's last valid day on which its holder is reminded.
  cert_days integer[] NOT NULL DEFAULT '{90,30,7}'
    CHECK (cardinality(cert_days) BETWEEN 1 AND 10 AND 0 <= ALL (cert_days) AND 3650 >= ALL (cert_days)),
  -- Days before a career-plan stage falls due; the largest opens the window.
  plan_days integer[] NOT NULL DEFAULT '{90,30,7}'
    CHECK (cardinality(plan_days) BETWEEN 1 AND 10 AND 1 <= ALL (plan_days) AND 3650 >= ALL (plan_days)),
  -- A claim waiting this many days for a decision is named, and again every as many days.
  claim_days integer NOT NULL DEFAULT 3 CHECK (claim_days BETWEEN 1 AND 365),
  -- The time of day (Asia/Tokyo) at which `serve` runs the rules.
  run_at time NOT NULL DEFAULT '08:00',
  webhook_url text CHECK (webhook_url ~ '^https?://[^\s]+$'),
  -- A path on the server holding the HMAC key: the secret itself is never stored in the database.
  webhook_secret_file text CHECK (webhook_secret_file <> '')
);
-- split
CREATE TABLE notification_runs (
  tenant_id text NOT NULL REFERENCES tenants,
  id bigint GENERATED ALWAYS AS IDENTITY,
  day date NOT NULL,
  -- `schedule` for the service's daily run, else the user who ran `notify run`.
  ran_by text NOT NULL,
  ran_at timestamptz NOT NULL DEFAULT now(),
  new_items integer NOT NULL,
  new_digests integer NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- split
CREATE INDEX notification_runs_day ON notification_runs (tenant_id, day);
-- split
CREATE TABLE notification_digests (
  tenant_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  recipient text NOT NULL,
  day date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('mail', 'webhook')),
  -- The mail address or webhook URL of the moment the digest was written.
  address text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- When a pending digest is next tried, or when a sending one's lease runs out.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  sent_at timestamptz,
  message_id text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, recipient, day, channel),
  FOREIGN KEY (tenant_id, recipient) REFERENCES users (tenant_id, name) ON DELETE CASCADE
);
-- split
CREATE INDEX notification_digests_due ON notification_digests (tenant_id, next_attempt_at)
  WHERE state IN ('pending', 'sending');
-- split
CREATE TABLE notification_items (
  tenant_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  run_day date NOT NULL,
  rule text NOT NULL
    CHECK (rule IN ('cert_expiring', 'plan_stage_due', 'plan_stage_behind', 'leader_missing', 'term_ending',
                    'claim_waiting')),
  recipient text NOT NULL,
  -- Whom the item is about; NULL for a section's leader coverage.
  employee_no text,
  subject text NOT NULL,
  day date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, recipient) REFERENCES users (tenant_id, name) ON DELETE CASCADE
);
-- split
CREATE UNIQUE INDEX notification_items_once
  ON notification_items (tenant_id, rule, recipient, coalesce(employee_no, ''), subject, day, run_day);
-- split
CREATE INDEX notification_items_inbox ON notification_items (tenant_id, recipient, id DESC);
-- split
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON notification_settings
FOR EACH ROW EXECUTE FUNCTION audit_row('tenant_id');
-- split
CREATE TRIGGER audit AFTER INSERT ON notification_runs FOR EACH ROW EXECUTE FUNCTION audit_row('id');
-- split
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['notification_settings', 'notification_runs', 'notification_digests',
                                      'notification_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''dxskills.tenant_id'', true)) '
      'WITH CHECK (tenant_id = current_setting(''dxskills.tenant_id'', true))', tenant_table);
  END LOOP;
END
$$;
-- split
GRANT SELECT, INSERT, UPDATE ON notification_settings TO dxskills_app;
-- split
GRANT SELECT, INSERT ON notification_runs TO dxskills_app;
-- split
GRANT SELECT, INSERT, UPDATE ON notification_digests, notification_items TO dxskills_app;
-- split
SELECT grant_backup_reads();
-- split
-- Every tenant and the time of its daily run, for the service's schedule and senders, which act
-- for no tenant until they pick one.
CREATE FUNCTION notification_tenants() RETURNS TABLE (tenant_id text, run_at time)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM set_config('dxskills.listing', 'tenants', true);
  RETURN QUERY
    SELECT t.tenant_id, coalesce(s.run_at, '08:00'::time)
    FROM tenants t LEFT JOIN notification_settings s ON s.tenant_id = t.tenant_id
    ORDER BY t.tenant_id;
  PERFORM set_config('dxskills.listing', '', true);
END
$$;
-- split
-- The schema owner alone reads every tenant's run time, and only while notification_tenants()
-- has set dxskills.listing (as the sign-in page's tenant list, sql/011).
DO $$
BEGIN
  EXECUTE format('CREATE POLICY sign_in_listing ON notification_settings FOR SELECT TO %I '
                 'USING (current_setting(''dxskills.listing'', true) = ''tenants'')', current_user);
END
$$;
-- split
GRANT EXECUTE ON FUNCTION notification_tenants() TO dxskills_app;
-- split
-- Every user with rights on D, with their role and unit: who may receive. The rights are
-- user_rights' own (sql/011), asked for each user.
CREATE FUNCTION users_with_rights(p_day date) RETURNS TABLE (name text, role text, unit_code text, employee_no text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT u.name, r.role, r.unit_code, r.employee_no FROM users u CROSS JOIN LATERAL user_rights(u.name, p_day) r
$$;
-- split
-- "The unit's managers" (reference §8): the users whose manager or evaluator grant on D is for the
-- nearest unit at or above p_unit that has any such grant.
CREATE FUNCTION unit_managers(p_unit text, p_day date) RETURNS TABLE (name text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH RECURSIVE up AS (
    SELECT u.code, u.parent_code, 0 AS depth FROM units u WHERE u.code = p_unit
    UNION ALL
    SELECT p.code, p.parent_code, up.depth + 1 FROM up JOIN units p ON p.code = up.parent_code WHERE up.depth < 64
  ),
  granted AS (
    SELECT r.name, up.depth FROM up JOIN users_with_rights(p_day) r ON r.unit_code = up.code
    WHERE r.role IN ('manager', 'evaluator')
  )
  SELECT g.name FROM granted g WHERE g.depth = (SELECT min(depth) FROM granted)
$$;
-- split
GRANT EXECUTE ON FUNCTION users_with_rights(date), unit_managers(text, date) TO dxskills_app;
