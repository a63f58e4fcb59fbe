-- supervision: indexes for the dashboard's roll-ups over a subtree (see store::supervision).
-- the roll-ups find their rows by date and check the subtree on each (never agency by agency),
-- so that a province's root costs the rows of the period, not every row of every agency.
-- each column's last publication: one index seek per agency and column
create index items_column_latest on items(agency_id, category, published_on) where status = 'published';
create index items_system_latest on items(agency_id, published_on) where status = 'published' and in_system_column = 1;
-- items published in a period, with their art. 26 working days (covering)
create index items_published_on on items(published_on, agency_id, publish_workdays);
-- requests answered in a period (by day and outcome, in index order, for the monthly series),
-- and those still open on a day (decided_on null or later)
create index requests_decided on requests(decided_on, outcome, agency_id, reply_due);
-- enquiries of the year before the day judged
create index messages_received on messages(kind, received_at, agency_id);
