-- Imports are audited per batch (reference §1, SECURITY.md). An import writes one import_batches row: who, when,
-- the file's SHA-256, the kind, the counts and the request id. Every row it inserts into a bulk table
-- (training_records, cert_holdings, assessments, ratings) carries that batch_id, and no audit_log row
-- of its own: "who put this here, and when" is the join of the row to its batch. Updates and deletes
-- keep their before and after rows in audit_log, as does every insert that is not an import's.
--
-- The service cannot forge a batch: it may read import_batches but not write it; import_batch_begin
-- and import_batch_finish (SECURITY DEFINER, like the audit functions of sql/008) take the actor and
-- the request id from the transaction, and the statement trigger counts a row as audited by its batch
-- only when the batch was begun in the same transaction. Any other inserted row, whatever batch_id it
-- names, gets its audit_log row as before.
CREATE TABLE import_batches (
  tenant_id text NOT NULL REFERENCES tenants,
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  kind text NOT NULL,
  sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
  file_rows integer CHECK (file_rows >= 0),
  inserted integer CHECK (inserted >= 0),
  updated integer CHECK (updated >= 0),
  unchanged integer CHECK (unchanged >= 0),
  request_id text,
  -- The transaction that began the batch: only its own inserts are audited by it.
  xact xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (tenant_id, id)
);
-- split
ALTER TABLE import_batches ENABLE ROW LEVEL SECURITY;
-- split
ALTER TABLE import_batches FORCE ROW LEVEL SECURITY;
-- split
CREATE POLICY tenant_isolation ON import_batches USING (tenant_id = current_setting('dxskills.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('dxskills.tenant_id', true));
-- split
GRANT SELECT ON import_batches TO dxskills_app;
-- split
DO $$
DECLARE
  bulk text;
BEGIN
  FOREACH bulk IN ARRAY ARRAY['training_records', 'cert_holdings', 'assessments', 'ratings'] LOOP
    -- Stable, not volatile: existing rows take NULL without a rewrite of the table.
    EXECUTE format(
      'ALTER TABLE %I ADD COLUMN batch_id bigint DEFAULT nullif(current_setting(''dxskills.batch_id'', true), '''')::bigint',
      bulk);
    EXECUTE format(
      'ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (tenant_id, batch_id) REFERENCES import_batches (tenant_id, id)',
      bulk, bulk || '_batch');
  END LOOP;
END
$$;
-- split
-- Begins the transaction's import batch and makes it the default batch_id of the rows it inserts.
CREATE FUNCTION import_batch_begin(p_kind text, p_sha256 bytea, p_rows integer) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant text := nullif(current_setting('dxskills.tenant_id', true), '');
  batch bigint;
BEGIN
  IF tenant IS NULL THEN
    RAISE EXCEPTION 'import_batch_begin runs in a tenant transaction' USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF nullif(current_setting('dxskills.batch_id', true), '') IS NOT NULL THEN
    RAISE EXCEPTION 'this transaction already has an import batch' USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  INSERT INTO import_batches (tenant_id, actor, kind, sha256, file_rows, request_id)
  VALUES (tenant, coalesce(nullif(current_setting('dxskills.actor', true), ''), session_user), p_kind, p_sha256, p_rows,
          nullif(current_setting('dxskills.request_id', true), ''))
  RETURNING id INTO batch;
  PERFORM set_config('dxskills.batch_id', batch::text, true);
  RETURN batch;
END
$$;
-- split
-- Records the counts of the transaction's batch and closes it: later inserts are audited row by row.
CREATE FUNCTION import_batch_finish(p_rows integer, p_inserted integer, p_updated integer, p_unchanged integer)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE import_batches SET file_rows = p_rows, inserted = p_inserted, updated = p_updated, unchanged = p_unchanged
  WHERE tenant_id = current_setting('dxskills.tenant_id', true)
    AND id = nullif(current_setting('dxskills.batch_id', true), '')::bigint AND xact = pg_current_xact_id();
  IF NOT FOUND THEN
    RAISE EXCEPTION 'this transaction has no import batch' USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  PERFORM set_config('dxskills.batch_id', '', true);
END
$$;
-- split
REVOKE ALL ON FUNCTION import_batch_begin(text, bytea, integer), import_batch_finish(integer, integer, integer, integer)
  FROM PUBLIC;
-- split
GRANT EXECUTE ON FUNCTION import_batch_begin(text, bytea, integer),
  import_batch_finish(integer, integer, integer, integer) TO dxskills_app;
-- split
-- The statement audit of sql/003, now without the insert rows of the transaction's own batch.
CREATE OR REPLACE FUNCTION audit_statement() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := coalesce(nullif(current_setting('dxskills.actor', true), ''), session_user);
  request text := nullif(current_setting('dxskills.request_id', true), '');
  batch bigint;
  key_of_new text;
  key_of_old text;
  pairing text;
BEGIN
  SELECT string_agg(format('%L, n.%I', k, k), ', '), string_agg(format('%L, o.%I', k, k), ', '),
         string_agg(format('o.%I = n.%I', k, k), ' AND ')
    INTO key_of_new, key_of_old, pairing
    FROM unnest(TG_ARGV) AS k;
  IF TG_OP = 'INSERT' THEN
    SELECT b.id INTO batch FROM import_batches b
    WHERE b.tenant_id = current_setting('dxskills.tenant_id', true)
      AND b.id = nullif(current_setting('dxskills.batch_id', true), '')::bigint AND b.xact = pg_current_xact_id();
    EXECUTE format(
      'INSERT INTO audit_log (tenant_id, actor, action, entity, key, before, after, request_id) '
      'SELECT n.tenant_id, $1, ''insert'', %L, jsonb_build_object(%s), NULL, to_jsonb(n) - ''tenant_id'', $2 '
      'FROM new_rows n WHERE $3::bigint IS NULL OR n.batch_id IS DISTINCT FROM $3', TG_TABLE_NAME, key_of_new)
      USING actor, request, batch;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format(
      'INSERT INTO audit_log (tenant_id, actor, action, entity, key, before, after, request_id) '
      'SELECT o.tenant_id, $1, ''delete'', %L, jsonb_build_object(%s), to_jsonb(o) - ''tenant_id'', NULL, $2 '
      'FROM old_rows o', TG_TABLE_NAME, key_of_old) USING actor, request;
  ELSE
    EXECUTE format(
      'INSERT INTO audit_log (tenant_id, actor, action, entity, key, before, after, request_id) '
      'SELECT n.tenant_id, $1, ''update'', %L, jsonb_build_object(%s), to_jsonb(o) - ''tenant_id'', '
      'to_jsonb(n) - ''tenant_id'', $2 '
      'FROM old_rows o JOIN new_rows n ON o.tenant_id = n.tenant_id AND %s '
      'WHERE to_jsonb(o) <> to_jsonb(n)', TG_TABLE_NAME, key_of_new, pairing) USING actor, request;
  END IF;
  RETURN NULL;
END
$$;
-- split
SELECT grant_backup_reads();
