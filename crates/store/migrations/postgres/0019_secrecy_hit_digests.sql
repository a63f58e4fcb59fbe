-- secrecy hits without raw values (issue 17.3): a hit keeps its masked text and a keyed hash of
-- the value (HMAC-SHA256 under the installation's key), never the value itself. The old column
-- `text` stays for rows written before this migration, and is emptied when the application first
-- opens the database with its key (`gongkai_store::catalogue::secrecy::seal_raw_values`).
alter table secrecy_hits add column masked text not null default '';
alter table secrecy_hits add column digest text not null default '';
