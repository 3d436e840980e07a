-- The invoice life cycle after delivery (issue 10): statuses sent back by recipients, recyclings,
-- completions. V14 is the partner registry.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- What a flow was: invoices (as before), or a life-cycle document: STATUSES from a recipient's partner,
-- RECYCLING or COMPLETION requests from a supplier's partner.
alter table ledger_flow add column kind varchar(12) default 'INVOICES' not null;

-- Where a delivered invoice stands now (CPPStatut IdStatut: 03 once delivered, then 04 to 12); null for a
-- rejected one. The supplier as the acknowledgements name it, for the statuses forwarded later.
alter table ledger_invoice add column status varchar(2);
alter table ledger_invoice add column supplier_type integer;
alter table ledger_invoice add column supplier_name varchar(1024);
update ledger_invoice set status = '03' where delivered = true;

-- Every change of an invoice's status after its delivery, in order: who sent it, in which flow, why.
create table invoice_event (
    invoice_id  varchar(80)   not null,
    seq         integer       not null,
    status      varchar(2)    not null,
    recorded_at timestamp with time zone not null,
    -- the Horodatage the sender gave, as given
    stated_at   varchar(40),
    flow_id     varchar(64)   not null,
    partner     varchar(8)    not null,
    reason      varchar(4000),
    mandate     varchar(1024),
    -- a recycling's old and new routing keys, a completion's attachments
    detail      varchar(4000),
    constraint pk_invoice_event primary key (invoice_id, seq),
    constraint fk_invoice_event_invoice foreign key (invoice_id) references ledger_invoice (invoice_id),
    constraint fk_invoice_event_flow foreign key (flow_id) references ledger_flow (flow_id)
);
create index ix_invoice_event_flow on invoice_event (flow_id);
create index ix_invoice_event_recorded on invoice_event (recorded_at);
-- Statuses are found by supplier and number (the duplicate index serves that), then by date.
