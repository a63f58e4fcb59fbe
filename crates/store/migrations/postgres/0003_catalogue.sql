-- catalogue: proactively disclosed items, their review events, attachments, secrecy-scan hits,
-- index-number serials, links between interpretations and documents, and the outbox that feeds
-- the search index.

alter table agencies add column index_scheme text;

create table items (
    id bigserial primary key,
    agency_id bigint not null references agencies(id),
    status text not null,
    title text not null,
    summary text,
    -- sanitised html, and its plain text (search, secrecy scan)
    body text not null default '',
    body_text text not null default '',
    category text not null,
    subject text,
    issuer text,
    doc_number text,
    written_on text,
    formed_on text,
    published_on text,
    published_at text,
    scheduled_at text,
    keywords text,
    validity text not null default 'in_force',
    kind text not null default 'other',
    effective_on text,
    expires_on text,
    in_system_column bigint not null default 0,
    -- generated at first publication, never changed
    index_number text unique,
    -- working days from formed_on to published_on, fixed at publication (art. 26)
    publish_workdays bigint,
    source_id text,
    created_by text not null,
    created_at text not null,
    updated_at text not null,
    unique (agency_id, source_id)
);
create index items_agency_status on items(agency_id, status, published_on);
create index items_category on items(category, published_on);

-- append-only: one row per workflow event, in the transaction of the status change
create table item_events (
    id bigserial primary key,
    item_id bigint not null references items(id),
    at text not null,
    actor text not null,
    kind text not null,
    event text not null
);
create index item_events_item on item_events(item_id);

create table item_attachments (
    id bigserial primary key,
    item_id bigint not null references items(id),
    filename text not null,
    blob_key text not null,
    size bigint not null,
    content_type text not null,
    extracted_text text not null default '',
    created_at text not null
);
create index item_attachments_item on item_attachments(item_id);

create table secrecy_hits (
    id bigserial primary key,
    item_id bigint not null references items(id),
    -- 'body', 'title', 'summary' or 'attachment:<id>'
    source text not null,
    kind text not null,
    text text not null,
    resolution text check (resolution in ('redacted', 'confirmed')),
    reason text,
    resolved_by text,
    resolved_at text
);
create index secrecy_hits_item on secrecy_hits(item_id);

create table index_serials (
    agency_id bigint not null references agencies(id),
    year bigint not null,
    last bigint not null,
    primary key (agency_id, year)
);

-- an interpretation (政策解读) and the document it interprets
create table item_links (
    interpretation_id bigint not null references items(id),
    document_id bigint not null references items(id),
    primary key (interpretation_id, document_id)
);

-- changes the search index must follow; monotonically increasing id, never updated
create table outbox (
    id bigserial primary key,
    entity text not null,
    entity_id bigint not null,
    op text not null check (op in ('upsert', 'delete')),
    at text not null
);
