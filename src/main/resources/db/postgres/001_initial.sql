-- C U L8er state schema, version 1: state versions with a current pointer, lease locks and an
-- append-only audit log, all keyed by topology name. Applied by io.cul8er.state.postgres.Migrations.

CREATE TABLE state_versions (
    topology   text        NOT NULL,
    serial     bigint      NOT NULL CHECK (serial >= 0),
    lineage    text        NOT NULL,
    written_at timestamptz NOT NULL,
    snapshot   jsonb       NOT NULL,
    PRIMARY KEY (topology, serial)
);

CREATE TABLE states (
    topology text   PRIMARY KEY,
    lineage  text   NOT NULL,
    serial   bigint NOT NULL,
    FOREIGN KEY (topology, serial) REFERENCES state_versions (topology, serial)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE locks (
    topology   text        PRIMARY KEY,
    lock_id    uuid        NOT NULL,
    owner      text        NOT NULL,
    host       text        NOT NULL,
    pid        bigint      NOT NULL,
    operation  text        NOT NULL,
    created    timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topology       text        NOT NULL,
    at             timestamptz NOT NULL,
    user_name      text        NOT NULL,
    host           text        NOT NULL,
    operation      text        NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'interrupted')),
    duration_nanos bigint      NOT NULL,
    lineage        text        NOT NULL,
    serial_before  bigint      NOT NULL,
    serial_after   bigint      NOT NULL,
    summary        text        NOT NULL
);

CREATE INDEX audit_log_by_topology ON audit_log (topology, id);

-- History and audit are never rewritten: only INSERT is allowed on them.
CREATE FUNCTION cul8er_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'C U L8er keeps % append-only: % is refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER state_versions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON state_versions
    FOR EACH STATEMENT EXECUTE FUNCTION cul8er_refuse_rewrite();

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION cul8er_refuse_rewrite();
