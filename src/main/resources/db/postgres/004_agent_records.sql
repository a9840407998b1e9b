-- The record of each topology's agent (cul8er agent): who runs it, its lease, when it last passed,
-- the instances it took out of service. One row per topology, replaced by compare-and-set.
CREATE TABLE agent_records (
    topology text PRIMARY KEY,
    record   text NOT NULL
);
