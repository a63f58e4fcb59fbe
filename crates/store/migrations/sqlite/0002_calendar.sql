-- calendar: year files loaded at run time (a new state council notice without a new release), and
-- local overrides ordered for an agency and everything below it.

create table calendar_years (
    year integer primary key,
    json text not null,
    loaded_at text not null,
    loaded_by text not null
);

create table calendar_overrides (
    id integer primary key autoincrement,
    agency_id integer not null references agencies(id),
    date text not null,
    kind text not null check (kind in ('extra_off_day', 'extra_workday')),
    reason text not null,
    ordered_by text not null,
    created_at text not null,
    unique (agency_id, date)
);
