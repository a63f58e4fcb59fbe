-- the portal home's latest published items, site-wide: read backwards from the newest, ten rows
-- (without it the planner takes items_status_scheduled and sorts every published item)
create index items_status_published on items(status, published_on, id);
