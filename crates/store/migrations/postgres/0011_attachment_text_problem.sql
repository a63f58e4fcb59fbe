-- why an attachment's text could not be read (too large once inflated, broken, encrypted), in
-- the words shown to the secrecy reviewer; null when its text was read. An attachment with a
-- problem holds the secrecy review until a reviewer confirms it by hand (secrecy::rescan).
alter table item_attachments add column text_problem text;
