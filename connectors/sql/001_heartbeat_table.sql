-- One row that the connector's heartbeat.action.query upserts every heartbeat interval. The write
-- puts a change for a captured table into the WAL, so a quiet database still lets the connector
-- confirm a newer LSN and PostgreSQL can recycle WAL behind the slot. One row: it never grows.
CREATE TABLE IF NOT EXISTS public.debezium_heartbeat (
  id       smallint PRIMARY KEY CHECK (id = 1),
  beat_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO public.debezium_heartbeat (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
