-- a staff member's own address for their reminders (issue 16.8); empty when not given, and
-- their notifications then go to the disclosure office's address.
alter table staff add column email text not null default '';
-- a handler's own reminders are listed on their console home page.
create index notifications_recipient on notifications(recipient, id);
