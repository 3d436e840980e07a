-- One row per invoice, not four: a 1 GB flow of small invoices commits more than 100,000 of them in
-- one transaction, and the rows were most of its cost.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- An invoice's statuses follow from its row and its flow's times: 01 DEPOSEE when the flow was
-- received, then 03 MISE_A_DISPOSITION (delivered) or REJETEE with these reason codes when it was decided.
alter table ledger_invoice add column reasons varchar(4000);
update ledger_invoice set reasons = (select s.detail from ledger_invoice_status s
                                     where s.invoice_id = ledger_invoice.invoice_id and s.seq = 2)
where delivered = false;
drop table ledger_invoice_status;

-- A committed flow's deliveries are derived from its delivered invoices (each staged in the flow's
-- staging folder under its position); ledger_move keeps only the flow's other files (acknowledgements,
-- original). Flows committed before this change keep their moves in ledger_move (staging_path null).
alter table ledger_flow add column staging_path varchar(4096);

-- One index serves the duplicate check (number, supplier, year) and the look-up by number.
drop index ix_ledger_invoice_duplicate;
drop index ix_ledger_invoice_number;
create index ix_ledger_invoice_number on ledger_invoice (invoice_number, supplier_id, issue_year);
