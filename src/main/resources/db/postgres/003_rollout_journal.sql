-- The rollout journal: what a rollout did step by step, so that a run killed mid-rollout leaves
-- what the next run needs to finish or undo it. Beside the state like the audit log (appending
-- changes no serial), but pruned of finished rollouts, so it is not append-only.
CREATE TABLE rollout_journal (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topology text        NOT NULL,
    rollout  text        NOT NULL,
    at       timestamptz NOT NULL,
    kind     text        NOT NULL,
    step     integer     NOT NULL CHECK (step >= -1),
    data     text        NOT NULL
);

CREATE INDEX rollout_journal_by_topology ON rollout_journal (topology, id);
