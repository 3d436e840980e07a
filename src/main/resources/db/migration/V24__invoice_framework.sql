-- Each invoice's framework and market (issue 23, docs/partners/frameworks-and-markets.md). An invoice of A9 or A12
-- is made available first to its validator, whose structure and service are its recipient and service code then,
-- with status 13; approved, it is rerouted to its own recipient as a recycling is.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- A1 to A25; null for an invoice recorded before this column (every one of them an A1) or rejected before it was read.
alter table ledger_invoice add column framework varchar(3);
-- The market (BT-12) of a framework that has one; null otherwise.
alter table ledger_invoice add column market varchar(50);
