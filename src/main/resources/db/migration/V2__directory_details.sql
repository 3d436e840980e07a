-- The rest of the directory data model (domain brief 2.3), for FAR37 extracts and imports.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged
-- (one column per ALTER TABLE, which is all H2 accepts).

-- Structures: MOA only, postal address, and the structure a SIRET change copied this one from.
alter table structure add column moa_only boolean default false not null;
alter table structure add column address_line varchar(255);
alter table structure add column address_complement varchar(255);
alter table structure add column postal_code varchar(20);
alter table structure add column city varchar(255);
alter table structure add column country_code varchar(2);
alter table structure add column copied_from varchar(80);

-- Services: the dates they start and stop receiving invoices.
alter table service add column start_date date;
alter table service add column end_date date;

-- last_modified is a row's own time, which a FAR37 import carries over from the source directory.
-- changed_at is when this engine's copy of the structure, or of one of its services, last changed:
-- what DELTA extracts select on (a DELTA gives a changed structure with all its services).
alter table structure add column changed_at timestamp with time zone;
update structure set changed_at = last_modified;
update structure set changed_at = (select max(v.last_modified) from service v where v.structure_identifier = structure.identifier)
    where changed_at < (select max(v.last_modified) from service v where v.structure_identifier = structure.identifier);
alter table structure alter column changed_at set not null;
create index ix_structure_changed_at on structure (changed_at);

-- One row, locked by every directory write until it commits and by every extract to take its
-- snapshot time: a write is then either seen by an extract or dated after it, never lost between
-- two DELTAs. last_snapshot is the latest snapshot time handed out (null: none yet).
create table directory_clock (
    id            integer not null,
    last_snapshot timestamp with time zone,
    constraint pk_directory_clock primary key (id)
);
insert into directory_clock (id, last_snapshot) values (1, null);
