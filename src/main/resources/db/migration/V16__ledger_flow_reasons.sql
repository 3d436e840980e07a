-- V14 is the partner registry, V15 the invoice life cycle.
-- The reason codes that rejected a flow as a whole (F codes), separated by spaces, as ledger_invoice.reasons
-- keeps an invoice's: what the operators' page counts by code. Null for a flow not rejected as a whole,
-- and for the flows decided before this column.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.
alter table ledger_flow add column reasons varchar(4000);
