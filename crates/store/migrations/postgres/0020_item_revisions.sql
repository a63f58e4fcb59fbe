-- revisions that keep the public version online (issue 17.2): a revision of a published item is
-- an item of its own (revision_of) going through the review chain while the original stays on
-- the portal; signing it off copies it into the original, whose replaced public version is kept
-- in item_versions. 废止/失效 is a sign-off of its own: repealed_by names the document.
alter table items add column revision_of bigint references items(id);
alter table items add column repealed_by text;
create index items_revision_of on items(revision_of);
-- the 发文字号 check at every save and imported row (issue 17.7) looks numbers up per agency
create index items_doc_number on items(agency_id, doc_number);

create table item_versions (
    id bigserial primary key,
    item_id bigint not null references items(id),
    -- 1 for the first public version, then 2, 3 …
    number bigint not null,
    -- the public version as it was (JSON: metadata, body, attachments)
    snapshot text not null,
    -- when a signed-off revision replaced it, and which revision
    replaced_at text not null,
    revision_id bigint not null references items(id),
    unique (item_id, number)
);
