-- The public markets and their parties (fiches d'identité des marchés, issue 23), imported from a markets file
-- dropped into directory/ (docs/operators/directory-and-partners.md, "Markets"). A file naming a market replaces
-- it wholly: its parties and its legal commitments become exactly the file's.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- market_number: the contract reference an invoice gives in BT-12, exactly as the file gives it.
create table market (
    market_number varchar(50)  not null,
    name          varchar(255),
    last_modified timestamp with time zone not null,
    constraint pk_market primary key (market_number)
);

-- One party of a market, one row of the file, kept in file order (position). identifier: a SIRET for the MOA
-- and the MOE, a supplier's identifier as its invoices give it for the others (not tied to the directory,
-- which may know the MOA later). service_code: the MOA's service. validator_id and validator_service: for a
-- joint contractor or a subcontractor, who validates its invoices (the contract holder). frameworks: the codes
-- A1..A25 the party may deposit, space-separated, or null for every framework of its role.
create table market_party (
    market_number     varchar(50)  not null,
    role              varchar(13)  not null,
    identifier        varchar(80)  not null,
    position          integer      not null,
    service_code      varchar(100),
    validator_id      varchar(80),
    validator_service varchar(100),
    frameworks        varchar(200),
    constraint pk_market_party primary key (market_number, role, identifier),
    constraint fk_market_party_market foreign key (market_number) references market (market_number),
    constraint ck_market_party_role check (role in ('TITULAIRE', 'COTRAITANT', 'SOUS_TRAITANT', 'MOE', 'MOA'))
);

-- The legal commitments (engagements juridiques, EJ) a market holds; none: any.
create table market_engagement (
    market_number varchar(50) not null,
    engagement    varchar(50) not null,
    constraint pk_market_engagement primary key (market_number, engagement),
    constraint fk_market_engagement_market foreign key (market_number) references market (market_number)
);
