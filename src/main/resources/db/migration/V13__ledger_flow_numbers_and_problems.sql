-- Nothing lost, round 2 (issue 9).
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- Flow ids are numbered by the database: unique for ever, whatever a restart or the clock does.
create sequence ledger_flow_seq;

-- Why a flow was parked (it failed for a reason other than its content), or why its committed
-- publication cannot be finished yet: what an operator reads in the flows command.
alter table ledger_flow add column problem varchar(4000);

-- A parked flow was never decided: no status, no decision time.
alter table ledger_flow alter column status drop not null;
alter table ledger_flow alter column decided_at drop not null;

-- One engine per database: a running engine holds this row (H2) or an advisory lock (PostgreSQL).
create table engine_lock (
    name varchar(32) not null,
    constraint pk_engine_lock primary key (name)
);
insert into engine_lock (name) values ('engine');
