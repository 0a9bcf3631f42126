-- The relational model of the restaurant app (the system of record).
-- Names of people and places may hold any Unicode, but no control characters: the DynamoDB
-- projection uses a control character as a key separator, so it must never occur in data.

CREATE TABLE users (
  user_id       uuid PRIMARY KEY,
  email         text NOT NULL UNIQUE CHECK (position('@' in email) > 1),
  display_name  text NOT NULL CHECK (display_name <> '' AND display_name !~ '[\x01-\x1f]'),
  home_city     text,
  preferences   jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE restaurants (
  restaurant_id   uuid PRIMARY KEY,
  name            text NOT NULL CHECK (name <> '' AND name !~ '[\x01-\x1f]'),
  description     text,
  city            text NOT NULL CHECK (city <> '' AND city !~ '[\x01-\x1f]'),
  address_line    text NOT NULL,
  postal_code     text,
  country_code    char(2) NOT NULL,
  latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
  phone           text,
  website         text,
  price_level     smallint NOT NULL CHECK (price_level BETWEEN 1 AND 4),
  opening_hours   jsonb NOT NULL DEFAULT '{}'::jsonb,
  dietary_flags   text[] NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE categories (
  category_id  uuid PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('cuisine', 'dietary', 'feature')),
  slug         text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name         text NOT NULL CHECK (name <> ''),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, slug)
);

CREATE TABLE restaurant_categories (
  restaurant_id  uuid NOT NULL REFERENCES restaurants (restaurant_id) ON DELETE CASCADE,
  category_id    uuid NOT NULL REFERENCES categories (category_id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (restaurant_id, category_id)
);

CREATE TABLE menu_items (
  item_id        uuid PRIMARY KEY,
  restaurant_id  uuid NOT NULL REFERENCES restaurants (restaurant_id) ON DELETE CASCADE,
  section        text NOT NULL,
  position       integer NOT NULL CHECK (position >= 0),
  name           text NOT NULL CHECK (name <> ''),
  description    text,
  price          numeric(10, 2) NOT NULL CHECK (price >= 0),
  currency       char(3) NOT NULL,
  is_available   boolean NOT NULL DEFAULT true,
  dietary_flags  text[] NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reviews (
  review_id      uuid PRIMARY KEY,
  restaurant_id  uuid NOT NULL REFERENCES restaurants (restaurant_id) ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  rating         smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title          text,
  body           text NOT NULL,
  visited_on     date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- A user's personal ranking of restaurants; the timestamps follow preference changes.
CREATE TABLE rankings (
  user_id        uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  ranking_id     uuid NOT NULL,
  restaurant_id  uuid NOT NULL REFERENCES restaurants (restaurant_id) ON DELETE CASCADE,
  rank_position  integer NOT NULL CHECK (rank_position >= 1),
  notes          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, ranking_id)
);

CREATE TABLE favorites (
  user_id        uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  restaurant_id  uuid NOT NULL REFERENCES restaurants (restaurant_id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, restaurant_id)
);

-- updated_at follows every change, whoever makes it.
CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER restaurants_updated_at BEFORE UPDATE ON restaurants FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER categories_updated_at BEFORE UPDATE ON categories FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER menu_items_updated_at BEFORE UPDATE ON menu_items FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER reviews_updated_at BEFORE UPDATE ON reviews FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER rankings_updated_at BEFORE UPDATE ON rankings FOR EACH ROW EXECUTE FUNCTION set_updated_at();
