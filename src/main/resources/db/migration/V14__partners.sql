-- The EDI partners and the structures each is connected for (raccordements EDI), imported from a
-- partners file dropped into directory/ (README, "Partners and their connections").
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- code: the name of the partner's drop folder in/<code>/. A partner is never deleted: one left out
-- of the partners file becomes inactive and keeps its connections (its past flows name it).
create table partner (
    code          varchar(8)   not null,
    name          varchar(255) not null,
    active        boolean      not null,
    last_modified timestamp with time zone not null,
    constraint pk_partner primary key (code)
);

-- One structure a partner is connected for, in one direction: EMISSION, the supplier whose invoices
-- the partner may send; RECEPTION, the recipient whose invoices it receives and whose statuses it
-- may send. The identifier is a SIRET, or another identifier for a supplier without one (as its
-- invoices carry it); it is not tied to the directory, which holds public recipients only.
create table partner_connection (
    partner_code varchar(8)  not null,
    identifier   varchar(80) not null,
    direction    varchar(9)  not null,
    constraint pk_partner_connection primary key (partner_code, identifier, direction),
    constraint fk_partner_connection_partner foreign key (partner_code) references partner (code),
    constraint ck_partner_connection_direction check (direction in ('EMISSION', 'RECEPTION'))
);

-- Who is connected for a structure (the partners command, statuses sent by a recipient's partner).
create index ix_partner_connection_identifier on partner_connection (identifier, direction);
