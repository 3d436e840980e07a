-- The partners' technical users (README, "The API mode"): how a partner's own system connects to /api/v1.
-- Portable SQL: H2 2.x in its default mode and PostgreSQL 15 run this file unchanged.

-- login: chosen by the operator, unique across partners. The password is kept as its bcrypt hash only;
-- password_set_at starts its validity (chorus.api.password-days). failed_logins counts the failures since the
-- last success; past chorus.api.max-failed-logins the login is refused until locked_until. A disabled user is
-- kept (the log names it), never deleted.
create table technical_user (
    login           varchar(64)  not null,
    partner_code    varchar(8)   not null,
    password_hash   varchar(100) not null,
    password_set_at timestamp with time zone not null,
    active          boolean      not null,
    failed_logins   integer      default 0 not null,
    locked_until    timestamp with time zone,
    constraint pk_technical_user primary key (login),
    constraint fk_technical_user_partner foreign key (partner_code) references partner (code)
);
create index ix_technical_user_partner on technical_user (partner_code);
