-- foundation: agencies, staff, sessions, hash-chained audit log.
-- conventions shared with the sqlite migrations: ids are 64-bit integers, dates are 'yyyy-mm-dd'
-- text, timestamps are rfc 3339 utc text, flags are 0/1 integers (portable through sqlx::any).

create table agencies (
    id bigserial primary key,
    parent_id bigint references agencies(id),
    -- materialised path of ids, '/1/4/9/': subtree = path like '/1/4/%'
    path text not null default '',
    level text not null check (level in ('province', 'city', 'county', 'township', 'department')),
    name text not null,
    short_name text,
    credit_code text not null unique,
    site_code text,
    address text,
    office_hours text,
    phone text,
    fax text,
    email text,
    postcode text,
    website text,
    guide_notes text,
    created_at text not null,
    updated_at text not null
);
create index agencies_parent on agencies(parent_id);
create index agencies_path on agencies(path);

create table staff (
    id bigserial primary key,
    agency_id bigint not null references agencies(id),
    username text not null unique,
    display_name text not null,
    roles text not null,
    password_hash text not null,
    active bigint not null default 1,
    created_at text not null,
    updated_at text not null
);
create index staff_agency on staff(agency_id);

-- the session token is never stored, only its sha-256.
create table sessions (
    token_hash text primary key,
    staff_id bigint not null references staff(id) on delete cascade,
    created_at text not null,
    expires_at text not null
);
create index sessions_staff on sessions(staff_id);

-- single row holding the chain head; updating it serialises audit writers on every backend.
create table audit_head (
    id bigint primary key check (id = 1),
    seq bigint not null,
    hash text not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

create table audit_log (
    id bigint primary key,
    at text not null,
    actor text not null,
    agency_id bigint,
    entity text not null,
    entity_id text not null,
    action text not null,
    before text,
    after text,
    prev_hash text not null,
    hash text not null
);
create index audit_log_entity on audit_log(entity, entity_id);
create index audit_log_agency on audit_log(agency_id);
