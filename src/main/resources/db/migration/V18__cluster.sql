-- Several nodes on one database (issue 14, README "Running several nodes"). Used in cluster mode alone,
-- which needs PostgreSQL; created everywhere, so that every database has one schema.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- The live nodes: each renews its lease (judged by the database's clock, never a node's); a node whose lease
-- has passed is dead, and its claims are taken over.
create table cluster_node (
    node_id     varchar(64) not null,
    started_at  timestamp with time zone not null,
    lease_until timestamp with time zone not null,
    constraint pk_cluster_node primary key (node_id)
);

-- The flows a node is working on, from before it takes the dropped file into work/<flow id>/ until the flow is
-- finished (published, parked or put back): no other node settles them while their node lives.
-- dropped_key: the SHA-256 of the dropped file's path while it is being taken, so that two nodes that found
-- the same file do not both try (cleared once the file is taken: the name is free for a new file).
create table flow_claim (
    flow_id     varchar(64) not null,
    node_id     varchar(64) not null,
    dropped_key varchar(64),
    claimed_at  timestamp with time zone not null,
    constraint pk_flow_claim primary key (flow_id),
    constraint uq_flow_claim_dropped unique (dropped_key)
);
create index ix_flow_claim_node on flow_claim (node_id);

-- F09 and I17 decided by the database: each committed invoice flow's bytes (partner and SHA-256) and each
-- delivered invoice's key (supplier, number, issue year) are unique here, so that two flows committed at once,
-- by two nodes, cannot both pass. The key is a SHA-256 (the texts are up to 1024 characters). Flows committed
-- before this table are still found by the checks' queries on ledger_flow and ledger_invoice.
create table ledger_unique_key (
    unique_key varchar(64) not null,
    flow_id    varchar(64) not null,
    invoice_id varchar(80),
    constraint pk_ledger_unique_key primary key (unique_key)
);
