-- Debezium's source signalling channel (signal.data.collection): a row inserted here is read back
-- from the WAL and executed, e.g. an incremental snapshot. Debezium also writes its snapshot
-- watermarks here, so its user needs INSERT. Structure required by Debezium: id, type, data.
CREATE TABLE IF NOT EXISTS public.debezium_signal (
  id    varchar(64) PRIMARY KEY,
  type  varchar(32) NOT NULL,
  data  varchar(2048)
);
