-- The login Debezium connects with: allowed to stream logical replication, nothing else by itself.
-- Its password is set separately (prepareSourceDatabase), never committed. On Amazon RDS/Aurora the
-- REPLICATION attribute cannot be granted; membership in rds_replication replaces it there.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bellyfed_cdc') THEN
    CREATE ROLE bellyfed_cdc LOGIN;
  END IF;
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_replication') THEN
    GRANT rds_replication TO bellyfed_cdc;
  ELSE
    ALTER ROLE bellyfed_cdc WITH LOGIN REPLICATION;
  END IF;
END
$$;
