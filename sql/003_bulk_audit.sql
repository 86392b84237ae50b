-- Set-based auditing for the tables that take bulk imports (a million training records at once).
-- A row trigger runs PL/pgSQL once per row; these statement triggers write the same audit rows
-- (one per changed record, with key, before and after) from the statement's transition tables
-- in one INSERT … SELECT. Natural keys never change on update, so old and new rows pair by key.
CREATE FUNCTION audit_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor text := coalesce(nullif(current_setting('dxskills.actor', true), ''), session_user);
  request text := nullif(current_setting('dxskills.request_id', true), '');
  key_of_new text;
  key_of_old text;
  pairing text;
BEGIN
  SELECT string_agg(format('%L, n.%I', k, k), ', '), string_agg(format('%L, o.%I', k, k), ', '),
         string_agg(format('o.%I = n.%I', k, k), ' AND ')
    INTO key_of_new, key_of_old, pairing
    FROM unnest(TG_ARGV) AS k;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format(
      'INSERT INTO audit_log (tenant_id, actor, action, entity, key, before, after, request_id) '
      'SELECT n.tenant_id, $1, ''insert'', %L, jsonb_build_object(%s), NULL, to_jsonb(n) - ''tenant_id'', $2 '
      'FROM new_rows n', TG_TABLE_NAME, key_of_new) USING actor, request;
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
DO $$
DECLARE
  bulk constant text[][] := ARRAY[
    ['training_records', 'employee_no,course_code,completed_on'],
    ['cert_holdings', 'employee_no,cert_code,acquired_on'],
    ['assessments', 'employee_no,skill_code,assessed_on'],
    ['ratings', 'fiscal_year,employee_no,item,stage']];
  entry text[];
  keys text;
BEGIN
  FOREACH entry SLICE 1 IN ARRAY bulk LOOP
    keys := (SELECT string_agg(quote_literal(k), ', ') FROM unnest(string_to_array(entry[2], ',')) k);
    EXECUTE format('DROP TRIGGER audit ON %I', entry[1]);
    EXECUTE format(
      'CREATE TRIGGER audit_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(%s)', entry[1], keys);
    EXECUTE format(
      'CREATE TRIGGER audit_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(%s)', entry[1], keys);
    EXECUTE format(
      'CREATE TRIGGER audit_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(%s)', entry[1], keys);
  END LOOP;
END
$$;
