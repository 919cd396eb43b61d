-- Accounts, reset tokens and the mail outbox. ${timestamp} and ${table_options} differ between
-- MySQL/MariaDB and H2 (see SchemaMigration). Every time is UTC.

CREATE TABLE app_user (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email               VARCHAR(254) NOT NULL,
    canonical_email     VARCHAR(254) NOT NULL,
    display_name        VARCHAR(100) NOT NULL,
    password_hash       VARCHAR(255) NOT NULL,
    password_changed_at ${timestamp} NOT NULL,
    session_version     INT          NOT NULL DEFAULT 0,
    preferred_locale    VARCHAR(35),
    created_at          ${timestamp} NOT NULL,
    CONSTRAINT uk_app_user_canonical_email UNIQUE (canonical_email)
) ${table_options};

-- At most one row per account: a newer request replaces the token, so there is never more than one live.
CREATE TABLE password_reset_token (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT       NOT NULL,
    token_hash BINARY(32)   NOT NULL,
    created_at ${timestamp} NOT NULL,
    expires_at ${timestamp} NOT NULL,
    used_at    ${timestamp} NULL,
    CONSTRAINT uk_password_reset_token_user UNIQUE (user_id),
    CONSTRAINT uk_password_reset_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_password_reset_token_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ${table_options};

CREATE TABLE mail_outbox (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    recipient       VARCHAR(254)  NOT NULL,
    subject         VARCHAR(200)  NOT NULL,
    body            VARCHAR(8000) NULL,
    created_at      ${timestamp}  NOT NULL,
    next_attempt_at ${timestamp}  NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    sent_at         ${timestamp}  NULL,
    failed_at       ${timestamp}  NULL,
    last_error      VARCHAR(500)  NULL
) ${table_options};

CREATE INDEX ix_mail_outbox_due ON mail_outbox (sent_at, failed_at, next_attempt_at);
