-- A run refused before it touched anything (a stale saved plan, a held lock, unreachable hosts,
-- a missing image...) is audited with its own outcome.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_outcome_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_check
    CHECK (outcome IN ('succeeded', 'failed', 'interrupted', 'refused'));
