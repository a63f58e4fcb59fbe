-- personal API tokens of staff members (Authorization: Bearer gk_…) for the staff JSON API.
-- the secret is shown once; only its sha-256 is kept (a copy of the database cannot call the API).
create table api_tokens (
    id bigserial primary key,
    staff_id bigint not null references staff(id) on delete cascade,
    name text not null,
    -- the first characters of the secret, shown in lists so a holder can tell tokens apart
    prefix text not null,
    secret_hash text not null unique,
    created_at text not null,
    expires_at text not null,
    last_used_at text,
    revoked_at text
);
create index api_tokens_staff on api_tokens(staff_id);
