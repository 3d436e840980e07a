-- Structures activated and deactivated by an operator (issue 26, docs/operators/directory-and-partners.md,
-- "Activating and deactivating a structure"): who asked, why, what SIRENE says of the SIRET, and when. The
-- structure's own flag and dates change in the same transaction, so the next FAR37 DELTA carries it.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

create sequence structure_request_seq;
create table structure_request (
    request_id bigint primary key,
    at timestamp with time zone not null,
    identifier varchar(80) not null,
    -- ACTIVATE or DEACTIVATE
    action varchar(12) not null,
    -- ACTIVE or INACTIVE in the SIRENE register, as the operator stated it (checked against an extract when given)
    sirene varchar(8),
    requested_by varchar(100) not null,
    reason varchar(1000) not null
);
create index structure_request_identifier on structure_request (identifier, request_id);
