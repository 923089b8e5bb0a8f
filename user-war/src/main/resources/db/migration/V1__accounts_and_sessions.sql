-- Accounts, their roles, and refresh-token families. Written for MariaDB; also runs on H2 in
-- MariaDB mode for the zero-setup run, so keep to portable DDL.
CREATE TABLE account (
    id            VARCHAR(36)   NOT NULL,
    username      VARCHAR(32)   NOT NULL,
    email         VARCHAR(254)  NOT NULL,
    password_hash VARCHAR(255)  NOT NULL,
    display_name  VARCHAR(100)  NOT NULL,
    bio           VARCHAR(2000),
    avatar_url    VARCHAR(500),
    status        VARCHAR(16)   NOT NULL,
    created_at    DATETIME(3)   NOT NULL,
    updated_at    DATETIME(3)   NOT NULL,
    version       BIGINT        NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (id),
    CONSTRAINT uq_account_username UNIQUE (username),
    CONSTRAINT uq_account_email UNIQUE (email)
);

CREATE TABLE account_role (
    account_id VARCHAR(36) NOT NULL,
    role       VARCHAR(16) NOT NULL,
    CONSTRAINT pk_account_role PRIMARY KEY (account_id, role),
    CONSTRAINT fk_account_role_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
);

CREATE TABLE refresh_token (
    token_hash VARCHAR(64)  NOT NULL,
    family_id  VARCHAR(36)  NOT NULL,
    account_id VARCHAR(36)  NOT NULL,
    issued_at  DATETIME(3)  NOT NULL,
    expires_at DATETIME(3)  NOT NULL,
    used_at    DATETIME(3),
    revoked_at DATETIME(3),
    CONSTRAINT pk_refresh_token PRIMARY KEY (token_hash),
    CONSTRAINT fk_refresh_token_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
);

CREATE INDEX ix_refresh_token_family ON refresh_token (family_id);
CREATE INDEX ix_refresh_token_account ON refresh_token (account_id);
