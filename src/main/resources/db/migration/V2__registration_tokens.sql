-- Registration links: an account is created only once its address has been confirmed by following one.
-- At most one row per canonical address: a newer request replaces the link, so only the newest works.
CREATE TABLE ${prefix}registration_token (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    canonical_email VARCHAR(254) NOT NULL,
    email           VARCHAR(254) NOT NULL,
    preferred_locale VARCHAR(35),
    token_hash      BINARY(32)   NOT NULL,
    created_at      ${timestamp} NOT NULL,
    expires_at      ${timestamp} NOT NULL,
    used_at         ${timestamp} NULL,
    CONSTRAINT uk_registration_token_email UNIQUE (canonical_email),
    CONSTRAINT uk_registration_token_hash UNIQUE (token_hash)
) ${table_options};
