-- Least privilege: read the captured tables (snapshots), write the heartbeat row, and read and
-- write the signal table (signals in, snapshot watermarks out). No CREATE: the publication exists.
GRANT USAGE ON SCHEMA public TO bellyfed_cdc;
GRANT SELECT ON public.users, public.restaurants, public.categories, public.restaurant_categories,
  public.menu_items, public.reviews, public.rankings, public.favorites TO bellyfed_cdc;
GRANT SELECT, INSERT, UPDATE ON public.debezium_heartbeat TO bellyfed_cdc;
GRANT SELECT, INSERT ON public.debezium_signal TO bellyfed_cdc;
