-- every enquiry or complaint gets a tracking code (查询码) with which its writer reads the reply;
-- messages kept from before have none.
alter table messages add column tracking_code text;
create unique index messages_tracking_code on messages(tracking_code);
