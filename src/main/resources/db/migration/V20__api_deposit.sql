-- The flows deposited over the partners' API (README, "The API mode") that the ledger does not hold yet: whichever
-- engine or node takes the deposited file from in/<partner>/, now or after a restart, numbers it with the flow id
-- the deposit was answered with, and any node answers a client asking for it meanwhile. A row goes in the
-- transaction that records its flow in the ledger (published or parked).
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- dropped_key: the SHA-256 of the path the file waits at in in/<partner>/, with size_bytes; null while an engine
-- holds the file in work/ (set again if it is put back into in/, uncommitted).
create table api_deposit (
    flow_id     varchar(64)   not null,
    partner     varchar(8)    not null,
    file_name   varchar(1024) not null,
    received_at timestamp with time zone not null,
    size_bytes  bigint        not null,
    dropped_key varchar(64),
    constraint pk_api_deposit primary key (flow_id),
    constraint uq_api_deposit_dropped unique (dropped_key)
);
