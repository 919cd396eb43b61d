-- One table for every mailed link (reset, registration, and the kinds to come), told apart by purpose. A link
-- is for one canonical address and, once an account holds it, for that account; per purpose and address at most
-- one row, so a newer link replaces the older one and only the newest works. Live links of both old tables are
-- kept: a link mailed before the upgrade still works after it.

CREATE TABLE mailed_link (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    -- password_reset, registration
    purpose          VARCHAR(32)  NOT NULL,
    canonical_email  VARCHAR(254) NOT NULL,
    -- the account the link acts on; NULL while none exists (registration)
    account_id       BIGINT       NULL,
    -- the address the link was mailed to, as stored or typed
    email            VARCHAR(254) NOT NULL,
    preferred_locale VARCHAR(35)  NULL,
    token_hash       BINARY(32)   NOT NULL,
    created_at       ${timestamp} NOT NULL,
    expires_at       ${timestamp} NOT NULL,
    used_at          ${timestamp} NULL,
    CONSTRAINT uk_mailed_link_address UNIQUE (purpose, canonical_email),
    CONSTRAINT uk_mailed_link_hash UNIQUE (token_hash),
    CONSTRAINT fk_mailed_link_account FOREIGN KEY (account_id) REFERENCES app_user (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_mailed_link_account ON mailed_link (account_id, used_at);

INSERT INTO mailed_link (purpose, canonical_email, account_id, email, preferred_locale, token_hash, created_at, expires_at, used_at)
SELECT 'password_reset', u.canonical_email, t.user_id, u.email, u.preferred_locale, t.token_hash, t.created_at, t.expires_at, t.used_at
FROM password_reset_token t JOIN app_user u ON u.id = t.user_id;

INSERT INTO mailed_link (purpose, canonical_email, account_id, email, preferred_locale, token_hash, created_at, expires_at, used_at)
SELECT 'registration', canonical_email, NULL, email, preferred_locale, token_hash, created_at, expires_at, used_at
FROM registration_token;

DROP TABLE password_reset_token;
DROP TABLE registration_token;
