-- Issue 27: a cluster node's claim names the dropped file itself (NodeClaims.fileKey), not only its path, so that it
-- is no longer cleared once the file is taken (V18 said it was): one write, and one flush of PostgreSQL's log, a flow
-- fewer. A new file dropped at the same path is another file, with a key of its own.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

comment on column flow_claim.dropped_key is
    'SHA-256 of the dropped file''s path and file system id (device and inode), set from the claim until the flow is finished';
