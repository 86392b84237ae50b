-- A database of a release before the accounts (sql/011) holds staff without users: the staff
-- import makes them, but only when it runs again. Every tenant's staff in service get their users
-- now, exactly as the staff import gives them (app_sync_staff_users), audited as `db migrate`.
DO $$
DECLARE
  tenant text;
BEGIN
  PERFORM set_config('dxskills.actor', 'db migrate', true);
  FOR tenant IN SELECT tenant_id FROM sign_in_tenants() LOOP
    PERFORM set_config('dxskills.tenant_id', tenant, true);
    PERFORM app_sync_staff_users(tokyo_today());
  END LOOP;
  PERFORM set_config('dxskills.tenant_id', '', true);
  PERFORM set_config('dxskills.actor', '', true);
END
$$;
