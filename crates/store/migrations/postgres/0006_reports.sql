-- annual reports (政府信息公开工作年度报告): the table 二 figures an agency enters for a year, the
-- narrative sections as edited, the published versions (append-only; the highest version of a
-- year is the one in force) and the amendments opened after publication.

create table report_figures (
    agency_id bigint not null references agencies(id),
    year integer not null,
    key text not null,
    -- the JSON number as entered (万元 amounts keep their decimals)
    value text not null,
    updated_by text not null,
    updated_at text not null,
    primary key (agency_id, year, key)
);

create table report_texts (
    agency_id bigint not null references agencies(id),
    year integer not null,
    overview text not null,
    problems text not null,
    other text not null,
    updated_by text not null,
    updated_at text not null,
    primary key (agency_id, year)
);

create table report_versions (
    id bigserial primary key,
    agency_id bigint not null references agencies(id),
    year integer not null,
    version integer not null,
    format text not null,
    -- the report as published, in the JSON shape of report-model.md; never updated
    body text not null,
    -- null for the first version; "更正说明：…" for a corrected one
    correction_note text,
    published_by text not null,
    published_at text not null,
    unique (agency_id, year, version)
);
create index report_versions_year on report_versions(year, agency_id);

create table report_amendments (
    id bigserial primary key,
    agency_id bigint not null references agencies(id),
    year integer not null,
    reason text not null,
    opened_by text not null,
    opened_at text not null,
    -- set when the corrected version is published
    closed_version integer,
    closed_at text
);
create index report_amendments_open on report_amendments(agency_id, year, closed_at);
