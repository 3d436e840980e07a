-- The directory of public structures (annuaire Chorus Pro): who may receive invoices,
-- and what an invoice addressed to them must carry.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.
-- Every lookup goes by primary key, and the service key starts with structure_identifier
-- (which also serves the foreign key), so the keys are all the indexes needed.

create table structure (
    identifier                          varchar(80)  not null,
    identifier_type                     varchar(20)  default 'SIRET' not null,
    name                                varchar(255),
    active                              boolean      not null,
    service_code_required               boolean      not null,
    engagement_required                 boolean      not null,
    engagement_or_service_code_required boolean      not null,
    payment_status_not_reported         boolean      not null,
    moa                                 boolean      not null,
    last_modified                       timestamp with time zone not null,
    constraint pk_structure primary key (identifier)
);

create table service (
    structure_identifier varchar(80)  not null,
    code                 varchar(100) not null,
    name                 varchar(255),
    active               boolean      not null,
    engagement_required  boolean      not null,
    last_modified        timestamp with time zone not null,
    constraint pk_service primary key (structure_identifier, code),
    constraint fk_service_structure foreign key (structure_identifier) references structure (identifier)
);
