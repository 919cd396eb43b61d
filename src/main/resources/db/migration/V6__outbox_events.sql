-- Besides mail, the outbox carries events for a host site's own receiver (a signed webhook). An event's id is made
-- once, when it is written, and goes with every attempt, so the receiver can tell a retry from a new event.
ALTER TABLE ${prefix}mail_outbox ADD COLUMN event_id VARCHAR(64) NULL;
