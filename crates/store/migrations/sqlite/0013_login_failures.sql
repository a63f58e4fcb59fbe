-- failed sign-ins (wrong password, unknown account), shared by every node: the throttle counts
-- these only, never successful sign-ins, per account name (lower case) and per client address.
-- rows older than a day are pruned on insert.
create table login_failures (
    id integer primary key autoincrement,
    account text not null,
    address text not null,
    at text not null
);
create index login_failures_account on login_failures(account, at);
create index login_failures_address on login_failures(address, at);
