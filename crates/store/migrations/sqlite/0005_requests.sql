-- disclosure requests (依申请公开): the request, its append-only event log, attachments, reply
-- letters; reconsideration and litigation records, complaints and enquiries; the notification
-- outbox.

create table requests (
    id integer primary key autoincrement,
    agency_id integer not null references agencies(id),
    tracking_code text not null unique,
    -- argon2id hash of the query password given to the applicant
    password_hash text not null,
    channel text not null,
    applicant_type text not null,
    applicant_name text not null,
    id_type text not null,
    id_number text not null,
    phone text not null default '',
    email text not null default '',
    address text not null default '',
    info_title text not null default '',
    doc_number text not null default '',
    description text not null,
    form_wanted text not null,
    delivery text not null,
    -- derived from the event log on every event (lists and supervision read them)
    status text not null,
    submitted_on text not null,
    received_on text,
    clarification_notice_due text,
    reply_due text,
    handler text,
    outcome text,
    decided_on text,
    fee_yuan integer,
    source_id text,
    created_by text not null,
    created_at text not null,
    updated_at text not null,
    unique (agency_id, source_id)
);
create index requests_agency_status on requests(agency_id, status, reply_due);
create index requests_received on requests(agency_id, received_on);

-- append-only: one row per workflow event, written with the status change
create table request_events (
    id integer primary key autoincrement,
    request_id integer not null references requests(id),
    at text not null,
    actor text not null,
    kind text not null,
    event text not null
);
create index request_events_request on request_events(request_id);

create table request_attachments (
    id integer primary key autoincrement,
    request_id integer not null references requests(id),
    filename text not null,
    blob_key text not null,
    size integer not null,
    content_type text not null,
    created_at text not null
);
create index request_attachments_request on request_attachments(request_id);

-- reply letters as generated and archived (never regenerated over)
create table request_letters (
    id integer primary key autoincrement,
    request_id integer not null references requests(id),
    kind text not null,
    format text not null,
    blob_key text not null,
    size integer not null,
    created_at text not null
);
create index request_letters_request on request_letters(request_id);

-- per-agency editable reply letter templates, one per outcome key
create table letter_templates (
    id integer primary key autoincrement,
    agency_id integer not null references agencies(id),
    outcome text not null,
    body text not null,
    updated_at text not null,
    unique (agency_id, outcome)
);

-- 行政复议 and 行政诉讼 about disclosure work
create table appeals (
    id integer primary key autoincrement,
    agency_id integer not null references agencies(id),
    request_id integer references requests(id),
    kind text not null,
    applicant text not null,
    filed_on text not null,
    body text not null,
    result text not null,
    result_on text,
    note text not null default '',
    created_by text not null,
    created_at text not null
);
create index appeals_agency on appeals(agency_id, filed_on);

-- 举报投诉 about disclosure work, and public enquiries (咨询) with replies
create table messages (
    id integer primary key autoincrement,
    agency_id integer not null references agencies(id),
    kind text not null,
    name text not null,
    contact text not null default '',
    content text not null,
    received_at text not null,
    reply text,
    replied_at text,
    replied_by text
);
create index messages_agency on messages(agency_id, kind, received_at);

-- notifications to applicants and staff; delivered by SMTP when configured, else to files
create table notifications (
    id integer primary key autoincrement,
    agency_id integer references agencies(id),
    recipient text not null,
    subject text not null,
    body text not null,
    created_at text not null,
    sent_at text,
    delivered_to text,
    error text
);
create index notifications_pending on notifications(sent_at, id);
