-- what the public searches for, counted without personal data (issue 18.3): only terms that
-- found something, without digit runs or addresses, with their total and the last day seen;
-- the portal suggests the frequent ones.
create table search_terms (
    term text primary key,
    hits bigint not null,
    last_on text not null
);
create index search_terms_hits on search_terms(hits);
