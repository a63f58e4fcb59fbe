-- the China-time days whose request reminders were queued: the node that inserts a day first
-- sends them, so with several nodes each day's reminders go out once.
create table reminder_days (
    day text primary key,
    queued_at text not null
);
