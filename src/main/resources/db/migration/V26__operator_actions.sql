-- Operators' actions from the page (issue 25, docs/operators/watching.md, "Accounts and actions"): who did what,
-- from where, on which node, and how it ended. A row is written STARTED before the action and finished after it:
-- a STARTED row that stays so is an action whose end the engine could not record (the log says it).
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

create sequence operator_action_seq;
create table operator_action (
    action_id bigint primary key,
    at timestamp with time zone not null,
    node_id varchar(64) not null,
    account varchar(64) not null,
    client varchar(100) not null,
    action varchar(40) not null,
    target varchar(300) not null,
    -- STARTED, DONE, REFUSED or FAILED
    outcome varchar(10) not null,
    detail varchar(1000)
);
create index operator_action_at on operator_action (at);
