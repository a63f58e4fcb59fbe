-- separation of duties (issue 17.4): the author of an item does not secrecy-review, review or
-- sign it off, unless the agency (an office of one or two people) allows it.
alter table agencies add column allow_self_review bigint not null default 0;
