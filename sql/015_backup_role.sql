-- Backups without a superuser. dxskills_backup reads every table of this database and writes
-- none: SELECT on every table and sequence, and on each tenant table a policy that shows it every
-- tenant's rows (tenant_isolation binds everyone else, the owner too). It cannot log in until an
-- administrator gives it a password (ALTER ROLE dxskills_backup LOGIN PASSWORD '…').
-- Where the migrating role may give it BYPASSRLS (a superuser), it gets that too, and a plain
-- pg_dump works; otherwise `pg_dump --enable-row-security` reads the same rows through the
-- policies (PostgreSQL 15 lets only a superuser grant BYPASSRLS). `dxskills doctor` says which.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dxskills_backup') THEN
    CREATE ROLE dxskills_backup NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION;
  END IF;
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER ROLE dxskills_backup BYPASSRLS;
  END IF;
END
$$;
-- split
-- The backup role's reads, for every table and sequence there is: idempotent, so a later
-- migration that adds a table calls it again (doctor checks that each tenant table has the policy).
CREATE FUNCTION grant_backup_reads() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tenant_table text;
BEGIN
  EXECUTE 'GRANT USAGE ON SCHEMA public TO dxskills_backup';
  EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO dxskills_backup';
  EXECUTE 'GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO dxskills_backup';
  FOR tenant_table IN
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity
      AND NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'backup_read')
  LOOP
    EXECUTE format('CREATE POLICY backup_read ON %I FOR SELECT TO dxskills_backup USING (true)', tenant_table);
  END LOOP;
END
$$;
-- split
SELECT grant_backup_reads();
-- split
REVOKE ALL ON FUNCTION grant_backup_reads() FROM PUBLIC;
