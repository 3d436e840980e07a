-- A committed flow's deliveries are read by flow, in order (Ledger.unpublished), and so are its
-- invoice counts (the flows command). PostgreSQL makes no index for a foreign key by itself.
create index ix_ledger_invoice_flow on ledger_invoice (flow_id, position);
