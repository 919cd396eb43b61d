-- Rate limits and ended sign-ins that every node counts and reads together, on any server (throttle.store=database).
-- A bucket is one row: the limit, the first 128 bits of the subject's keyed digest, when its window started (by the
-- database's clock) and the tokens used in it. Rows whose window ended are full again and are purged.
CREATE TABLE ${prefix}rate_bucket (
    limit_name   VARCHAR(40)  NOT NULL,
    bucket_key   BINARY(16)   NOT NULL,
    window_start ${timestamp} NOT NULL,
    used         INT          NOT NULL,
    CONSTRAINT pk_rate_bucket PRIMARY KEY (limit_name, bucket_key)
) ${table_options};

CREATE INDEX ix_rate_bucket_window ON ${prefix}rate_bucket (window_start);

-- A sign-in that was signed out, until every copy of its session has ended (EndedSignIns).
CREATE TABLE ${prefix}ended_sign_in (
    sign_in_id VARCHAR(64)  NOT NULL,
    ends_at    ${timestamp} NOT NULL,
    CONSTRAINT pk_ended_sign_in PRIMARY KEY (sign_in_id)
) ${table_options};

CREATE INDEX ix_ended_sign_in_ends ON ${prefix}ended_sign_in (ends_at);
