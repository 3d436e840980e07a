-- Each invoice's framework and market (issue 23, docs/partners/frameworks-and-markets.md), and for a subcontractor's
-- or joint contractor's invoice (A9, A12) the validator it is made available to first (status 13), before its
-- recipient: approved, it is delivered to its recipient as a recycling is.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- A1 to A25; null for an invoice recorded before this column (every one of them an A1) or rejected before it was read.
alter table ledger_invoice add column framework varchar(3);
-- The market (BT-12) of a framework that has one; null otherwise.
alter table ledger_invoice add column market varchar(50);
-- The validator's structure and service, from the market's sheet; null for an invoice without a validator.
alter table ledger_invoice add column validator varchar(1024);
alter table ledger_invoice add column validator_service varchar(1024);
