-- The outbox becomes the durable record of every mail request, written before the page answers. A reset or
-- registration request holds no link: the token is made, and the link rendered, when its mail is sent. Leases,
-- retry times and creation times come from the database's clock (column defaults and CURRENT_TIMESTAMP), never
-- from a node's. Rows of the old outbox are kept: delivered and abandoned ones as records, waiting ones as
-- ready-made notices.

ALTER TABLE mail_outbox RENAME TO mail_outbox_v2;

CREATE TABLE mail_outbox (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    -- notice: subject and body ready; password_reset, registration: rendered with a fresh link at sending
    kind             VARCHAR(32)   NOT NULL,
    -- whose request (link kinds; NULL for a throttled or implausible one)
    canonical_email  VARCHAR(254)  NULL,
    -- notice: the recipient; registration: the address as typed; password_reset: the account's, read at sending
    recipient        VARCHAR(254)  NULL,
    preferred_locale VARCHAR(35)   NULL,
    subject          VARCHAR(200)  NULL,
    body             VARCHAR(8000) NULL,
    created_at       ${timestamp}  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    next_attempt_at  ${timestamp}  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    attempts         INT           NOT NULL DEFAULT 0,
    -- the node sending it, and until when that claim holds unless renewed
    claimed_by       VARCHAR(36)   NULL,
    lease_until      ${timestamp}  NULL,
    finished_at      ${timestamp}  NULL,
    -- sent, throttled, unknown_address, implausible_address, superseded, given_up
    outcome          VARCHAR(32)   NULL,
    last_error       VARCHAR(500)  NULL
) ${table_options};

INSERT INTO mail_outbox (kind, recipient, subject, body, created_at, next_attempt_at, attempts, finished_at, outcome, last_error)
SELECT 'notice', recipient, subject, body, created_at, next_attempt_at, attempts, COALESCE(sent_at, failed_at),
       CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN failed_at IS NOT NULL THEN 'given_up' END, last_error
FROM mail_outbox_v2;

DROP TABLE mail_outbox_v2;

CREATE INDEX ix_mail_outbox_due ON mail_outbox (finished_at, next_attempt_at);
CREATE INDEX ix_mail_outbox_request ON mail_outbox (kind, canonical_email, id);
CREATE INDEX ix_mail_outbox_claim ON mail_outbox (claimed_by);
