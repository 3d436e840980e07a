-- The works circuit (issue 23, docs/partners/frameworks-and-markets.md): an MOE's statement answers a supplier's draft,
-- an MOA's statement an MOE's (BT-25). The answering document names the one it answers; the answered one gets the
-- event of its answer (18, 21) in the same transaction.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- The invoice id of the statement this one answers; null for every other document.
alter table ledger_invoice add column answers varchar(80);
-- The works documents waiting for their MOE or MOA, found by status (the clock, the page).
create index ledger_invoice_status on ledger_invoice (status);
