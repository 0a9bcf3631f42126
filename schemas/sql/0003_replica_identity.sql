-- Change data capture: Debezium's "before" image holds only the primary key by default. The
-- DynamoDB projection keys some items on non-key columns (a review by its restaurant and time,
-- a menu item by its restaurant, a restaurant by its city and name), so an update that moves
-- such a column must carry the old values to remove the old item: REPLICA IDENTITY FULL.
ALTER TABLE restaurants REPLICA IDENTITY FULL;
ALTER TABLE menu_items REPLICA IDENTITY FULL;
ALTER TABLE reviews REPLICA IDENTITY FULL;
ALTER TABLE rankings REPLICA IDENTITY FULL;
ALTER TABLE favorites REPLICA IDENTITY FULL;
ALTER TABLE restaurant_categories REPLICA IDENTITY FULL;
