-- The structure each status after delivery was recorded for (issue 21, README "The invoice life cycle"): the
-- recipient the invoice was made available to at that time, the new one for a recycling. Before this column,
-- statuses showed the invoice's current recipient on every line, so after a recycling an old status seemed
-- sent for a structure its partner is not connected to.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.
alter table invoice_event add column recipient varchar(1024);

-- The events recorded before, as best the ledger can say: an event's recipient is the old recipient of the
-- first recycling after it (its detail begins "recycled from <SIRET> / service"), else the invoice's current
-- recipient. Exact for every recycling the engine recorded.
update invoice_event set recipient = coalesce(
    (select substring(r.detail from 15 for position(' / ' in r.detail) - 15)
     from invoice_event r
     where r.invoice_id = invoice_event.invoice_id
       and r.seq = (select min(n.seq) from invoice_event n
                    where n.invoice_id = invoice_event.invoice_id and n.seq > invoice_event.seq
                      and n.status = '03' and n.detail like 'recycled from % / service %')),
    (select i.recipient from ledger_invoice i where i.invoice_id = invoice_event.invoice_id));
