-- The points shop (积分超市, mod/shop/shop.h): goods with a price in points,
-- a stock ledger (append-only; stock is its cached sum) and redemptions.
CREATE TABLE shop_item (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  price INTEGER NOT NULL,
  stock INTEGER NOT NULL,
  limit_qty INTEGER NOT NULL,
  limit_period TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX shop_item_community ON shop_item(community_id, id);
CREATE TABLE shop_stock (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES shop_item(id),
  community_id INTEGER NOT NULL,
  delta INTEGER NOT NULL,
  reason TEXT NOT NULL,
  redemption_id INTEGER,
  actor_id INTEGER REFERENCES person(id),
  at INTEGER NOT NULL
);
CREATE INDEX shop_stock_item ON shop_stock(item_id, id);
-- A redemption reserves stock and points in one transaction; staff hand
-- the goods over (fulfilled) or cancel it, and both return.
CREATE TABLE shop_redemption (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES shop_item(id),
  community_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  qty INTEGER NOT NULL,
  points INTEGER NOT NULL,
  status TEXT NOT NULL,
  points_txn_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by INTEGER REFERENCES person(id)
);
CREATE INDEX shop_redemption_person ON shop_redemption(person_id, item_id, created_at);
CREATE INDEX shop_redemption_community ON shop_redemption(community_id, status, id);
