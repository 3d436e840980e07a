-- The ledger: every flow and every invoice the engine decided, and what it published.
-- Versioned far from the directory's migrations so that both can grow without colliding.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

create table ledger_flow (
    flow_id      varchar(64)   not null,
    partner      varchar(8)    not null,
    file_name    varchar(1024) not null,
    size_bytes   bigint        not null,
    sha256       varchar(64),
    received_at  timestamp with time zone not null,
    decided_at   timestamp with time zone not null,
    finished_at  timestamp with time zone,
    -- 92, 96 or 93, as in the flow report
    status       varchar(2)    not null,
    -- the flow was rejected as a whole (an F code): it does not count as processed
    rejected     boolean       not null,
    -- PUBLISHING from the commit until every file is in place, then PUBLISHED
    state        varchar(12)   not null,
    kept_as      varchar(2048) not null,
    constraint pk_ledger_flow primary key (flow_id)
);
create index ix_ledger_flow_bytes on ledger_flow (partner, sha256);
create index ix_ledger_flow_received on ledger_flow (received_at);

create table ledger_invoice (
    invoice_id     varchar(80)   not null,
    flow_id        varchar(64)   not null,
    position       integer       not null,
    supplier_id    varchar(1024),
    invoice_number varchar(1024),
    issue_date     varchar(40),
    issue_year     integer,
    recipient      varchar(1024),
    service_code   varchar(1024),
    engagement     varchar(1024),
    outbox_path    varchar(2048),
    delivered      boolean       not null,
    constraint pk_ledger_invoice primary key (invoice_id),
    constraint fk_ledger_invoice_flow foreign key (flow_id) references ledger_flow (flow_id)
);
create index ix_ledger_invoice_duplicate on ledger_invoice (supplier_id, invoice_number, issue_year);
create index ix_ledger_invoice_number on ledger_invoice (invoice_number);

-- Each invoice's statuses, in order: 01 DEPOSEE, then 03 MISE_A_DISPOSITION or REJETEE with its codes.
create table ledger_invoice_status (
    invoice_id varchar(80)  not null,
    seq        integer      not null,
    status     varchar(24)  not null,
    at         timestamp with time zone not null,
    detail     varchar(4000),
    constraint pk_ledger_invoice_status primary key (invoice_id, seq),
    constraint fk_ledger_status_invoice foreign key (invoice_id) references ledger_invoice (invoice_id)
);

-- What a committed flow still has to move into place (the commit record of its publication).
create table ledger_move (
    flow_id   varchar(64)   not null,
    seq       integer       not null,
    from_path varchar(4096) not null,
    to_path   varchar(4096) not null,
    constraint pk_ledger_move primary key (flow_id, seq),
    constraint fk_ledger_move_flow foreign key (flow_id) references ledger_flow (flow_id)
);
