-- The publication the connector streams (publication.autocreate.mode=disabled): the app tables,
-- the heartbeat table (its changes must reach the connector to move the slot) and the signal
-- table (signals are read from the WAL). SET TABLE makes a re-run converge on exactly this list.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_publication WHERE pubname = 'bellyfed_pub') THEN
    ALTER PUBLICATION bellyfed_pub SET TABLE
      public.users, public.restaurants, public.categories, public.restaurant_categories,
      public.menu_items, public.reviews, public.rankings, public.favorites,
      public.debezium_heartbeat, public.debezium_signal;
  ELSE
    CREATE PUBLICATION bellyfed_pub FOR TABLE
      public.users, public.restaurants, public.categories, public.restaurant_categories,
      public.menu_items, public.reviews, public.rankings, public.favorites,
      public.debezium_heartbeat, public.debezium_signal;
  END IF;
END
$$;
