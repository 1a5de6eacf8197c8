-- The explicit state machine (io.berth.container.ContainerState): STARTING and REMOVING are committed before the
-- worker is called, the last run whose exit was applied makes a repeated or late exit fact harmless, and the time
-- of the last move tells the reconciler which moves may still be in flight.
ALTER TABLE container ADD COLUMN exited_run bigint NOT NULL DEFAULT 0;
ALTER TABLE container ADD COLUMN state_changed_at timestamptz NOT NULL DEFAULT now();
UPDATE container SET exited_run = run WHERE state = 'EXITED';

-- Docker takes names of any length; Berth keeps up to 1024 characters (ContainerNames), which a unique index holds.
ALTER TABLE container ALTER COLUMN name TYPE varchar(1024);
