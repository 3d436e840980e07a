-- FAR37 subscribers: where each one's extracts stand. A row is written with the subscriber's first
-- published extract and advanced, in the transaction that renames each next one into place.
-- Portable SQL: H2 2.x and PostgreSQL 15.

create table far37_subscription (
    partner_code   varchar(8) not null,
    -- the sequence number of the last published extract (FULL or DELTA): the next one is this plus one
    last_sequence  bigint not null,
    -- the snapshot time of the last published extract: the next DELTA carries what changed after it
    last_published timestamp with time zone not null,
    -- the snapshot time of the last published FULL (a FULL missed while the engine was down is caught up)
    last_full      timestamp with time zone not null,
    constraint pk_far37_subscription primary key (partner_code)
);
