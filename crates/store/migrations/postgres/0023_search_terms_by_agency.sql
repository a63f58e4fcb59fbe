-- popular searches per agency (issue 18.3): a search within an agency's items (the agency
-- filter, or the agency home's search box) is counted under that agency as well as for the
-- whole site (agency_id 0), so each agency's portal suggests what its own visitors look for.
alter table search_terms rename to search_terms_0022;
create table search_terms (
    agency_id bigint not null default 0,
    term text not null,
    hits bigint not null,
    last_on text not null,
    primary key (agency_id, term)
);
insert into search_terms (agency_id, term, hits, last_on) select 0, term, hits, last_on from search_terms_0022;
drop table search_terms_0022;
create index search_terms_hits on search_terms(agency_id, hits);
