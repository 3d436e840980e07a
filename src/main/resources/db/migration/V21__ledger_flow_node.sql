-- Which node decided each flow (issue 14, README "Running several nodes"): the node id of the engine that
-- committed or parked it, a single engine's too (chorus.cluster.node-id, by default <host name>-<pid>), so that
-- the operators' page, which lists the whole cluster's flows, says where each was decided. Null for the flows
-- decided before this column. (V20 is another change's.)
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.
alter table ledger_flow add column node_id varchar(64);
