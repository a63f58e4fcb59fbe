-- indexes found missing by the portal benchmark: the item page looks up interpretations of a
-- document (item_links by document_id), and the publication job looks for due scheduled items.

create index item_links_document on item_links(document_id);
create index items_status_scheduled on items(status, scheduled_at);
