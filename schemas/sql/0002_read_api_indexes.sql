-- One index per read path of the API (services/query/sql). Listing orders by name in byte
-- order (COLLATE "C"): the same order DynamoDB gives sort keys, so both stores page alike.
CREATE INDEX restaurants_by_name ON restaurants ((name COLLATE "C"), restaurant_id);
CREATE INDEX restaurants_by_city_name ON restaurants (city, (name COLLATE "C"), restaurant_id);
CREATE INDEX restaurant_categories_by_category ON restaurant_categories (category_id, restaurant_id);
CREATE INDEX menu_items_by_restaurant ON menu_items (restaurant_id, position, item_id);
CREATE INDEX reviews_latest_by_restaurant ON reviews (restaurant_id, created_at DESC, review_id DESC);
-- Foreign keys that are not the leading column of another index (cascading deletes, user pages).
CREATE INDEX reviews_by_user ON reviews (user_id);
CREATE INDEX rankings_by_restaurant ON rankings (restaurant_id);
CREATE INDEX favorites_by_restaurant ON favorites (restaurant_id);
