-- when a session was last used (rfc 3339 utc): a session unused for session::IDLE_LIMIT ends,
-- besides its absolute lifetime. null for sessions started before this migration (they count
-- from their start).
alter table sessions add column last_seen_at text;
