-- The tumen results database, schema version 1.
--
-- Every `tumen run` and `tumen sweep` (and later searches) writes into one SQLite file (default
-- results.db). The file is meant to be queried long after the run: every figure in it traces back
-- to its inputs. A row of `runs` holds the scenario text and its hash, the program version, the
-- master seed and the command line; `run_attributes` holds the other settings as name/value
-- rows; `points` and `point_variables` hold the design variables of each design point, one row
-- per variable; `replications` and `scalars` hold every named figure of every replication, and
-- `summaries` the across-replication intervals computed from those scalars. The view `hourly`
-- splits the hourly series out of the scalars.
--
-- docs/results-database.md explains the tables with example queries. This file is compiled
-- into the program (src/tumen/output/CMakeLists.txt embeds it) and applied, in one transaction,
-- when tumen creates a database; the file then carries PRAGMA user_version = 1. Every statement
-- is idempotent (IF NOT EXISTS), so two processes creating the same file at once do no harm.
-- A change to this file needs a new schema version and an upgrade step in
-- src/tumen/output/results_db.cpp, which refuses files of a newer version.
--
-- Conventions:
--   * `run` is the id of a run (1, 2, … in the order runs began); `point` is the 0-based index
--     of a design point in its run's grid; `replication` is the replication number that selects
--     the random streams (replication k draws the same streams at every point of a sweep).
--   * Seeds and replication numbers are unsigned 64-bit in the program and stored in SQLite's
--     signed 64-bit INTEGER: a value of 2^63 or more reads back negative (two's complement).
--   * Values are in base units: seconds, tonnes, vehicles; "per day" figures are per measured day.
--   * A value that is not a number is NULL. Infinity is stored as such (the half-width of an
--     interval over a single replication is +infinity).
--   * Times are UTC text, ISO 8601 (2025-04-30T12:34:56Z).
--   * Writes are transactions: one per replication, so a killed process leaves every finished
--     replication stored and nothing half-stored.

-- One row per invocation of tumen that produced results (a run, a sweep, a search).
CREATE TABLE IF NOT EXISTS runs (
  run             INTEGER PRIMARY KEY,  -- id of the run
  kind            TEXT NOT NULL,        -- what produced it: run | sweep | capacity | staff | compare
  status          TEXT NOT NULL,        -- running (in progress, or killed: resumable) | complete | failed
  scenario_name   TEXT NOT NULL,        -- the scenario's [scenario] name
  scenario_source TEXT NOT NULL,        -- the file path given, or "<name>.toml" for a built-in
  scenario_hash   TEXT NOT NULL,        -- SHA-256 of scenario_text, lowercase hex
  scenario_text   TEXT NOT NULL,        -- the whole scenario file as read, before overrides
  version         TEXT NOT NULL,        -- tumen's version
  seed            INTEGER NOT NULL,     -- master seed of the random streams
  command_line    TEXT NOT NULL,        -- the command that started the run, shell-quoted
  design          TEXT NOT NULL,        -- canonical text of the experiment's definition
                                        -- (variables, overrides, variant, seed, replications);
                                        -- `--resume` looks for an unfinished run with the same
                                        -- kind, scenario_hash and design
  started_at      TEXT NOT NULL,        -- when the run began (UTC)
  finished_at     TEXT                  -- when it was marked complete or failed; NULL before
);
CREATE INDEX IF NOT EXISTS runs_by_design ON runs (kind, scenario_hash, design);

-- Further settings of a run as name/value rows, e.g. set.0 = "run.days=14" (the --set overrides
-- in order), variant, replications, first_replication, jobs, resumed.1 (the command line of each
-- resumption).
CREATE TABLE IF NOT EXISTS run_attributes (
  run   INTEGER NOT NULL REFERENCES runs (run),  -- the run
  name  TEXT NOT NULL,                          -- attribute name
  value TEXT NOT NULL,                          -- attribute value, as text
  PRIMARY KEY (run, name)
) WITHOUT ROWID;

-- The design points of a run: a sweep's grid (cartesian product of its --vary values, first
-- variable outermost); a plain run has the single point 0.
CREATE TABLE IF NOT EXISTS points (
  run   INTEGER NOT NULL REFERENCES runs (run),  -- the run
  point INTEGER NOT NULL,                       -- index in the grid, 0-based
  label TEXT NOT NULL,                          -- "key=value, key=value" ("" when no variables)
  PRIMARY KEY (run, point)
) WITHOUT ROWID;

-- The design variables: one row per (point, variable). Applied to the scenario like `--set`,
-- after the run's own overrides.
CREATE TABLE IF NOT EXISTS point_variables (
  run      INTEGER NOT NULL,  -- the run
  point    INTEGER NOT NULL,  -- the point
  position INTEGER NOT NULL,  -- the variable's place on the command line (0 = first --vary)
  name     TEXT NOT NULL,     -- key path as given, e.g. stages.ru_xray.lanes or demand.scale
  value    TEXT NOT NULL,     -- the value applied, as TOML text (e.g. 4, 1.25, "12 min")
  number   REAL,              -- the value as a number when it is one, else NULL (for plots)
  PRIMARY KEY (run, point, name),
  FOREIGN KEY (run, point) REFERENCES points (run, point)
) WITHOUT ROWID;

-- One row per finished replication of a point. A replication is stored together with all its
-- scalars in one transaction: a row here means the replication is complete.
CREATE TABLE IF NOT EXISTS replications (
  run         INTEGER NOT NULL,  -- the run
  point       INTEGER NOT NULL,  -- the point
  replication INTEGER NOT NULL,  -- replication number (selects the random streams)
  seed        INTEGER NOT NULL,  -- master seed it ran with
  finished_at TEXT NOT NULL,     -- when it was stored (UTC)
  PRIMARY KEY (run, point, replication),
  FOREIGN KEY (run, point) REFERENCES points (run, point)
) WITHOUT ROWID;

-- Every named figure of every replication (the names of include/tumen/experiment/metrics.hpp):
-- vehicles_per_day, max_wait_p95, stage.<id>.wait.p95, yard.<id>.utilisation,
-- flow.<route>.<class>.<origin>.cleared, … Hourly series are scalars too, named
-- stage.<id>.hourly.<series>.<HH> (series: queue_mean, wait_mean, utilisation,
-- arrivals_per_day, open_lanes), holding.<id>.hourly.occupancy.<HH> and
-- yard.<id>.hourly.utilisation.<HH>, HH = 00 … 23 the hour of the day; the view `hourly` below
-- splits those names into columns.
CREATE TABLE IF NOT EXISTS scalars (
  run         INTEGER NOT NULL,  -- the run
  point       INTEGER NOT NULL,  -- the point
  replication INTEGER NOT NULL,  -- the replication
  name        TEXT NOT NULL,     -- metric name
  value       REAL,              -- its value in base units (NULL: not a number)
  PRIMARY KEY (run, point, replication, name),
  FOREIGN KEY (run, point, replication) REFERENCES replications (run, point, replication)
) WITHOUT ROWID;

-- Across-replication summaries of every scalar of a point: the mean with a Student-t interval
-- at 95 % confidence. Computed from the stored scalars (in replication order) once every
-- replication of the point is stored, so a resumed run's summaries equal an uninterrupted one's.
CREATE TABLE IF NOT EXISTS summaries (
  run        INTEGER NOT NULL,  -- the run
  point      INTEGER NOT NULL,  -- the point
  name       TEXT NOT NULL,     -- metric name, as in scalars
  n          INTEGER NOT NULL,  -- replications behind the figure
  mean       REAL,              -- mean across replications
  half_width REAL,              -- half-width of the 95 % interval (+infinity when n = 1)
  low        REAL,              -- mean - half_width
  high       REAL,              -- mean + half_width
  min        REAL,              -- smallest replication value
  max        REAL,              -- largest replication value
  PRIMARY KEY (run, point, name),
  FOREIGN KEY (run, point) REFERENCES points (run, point)
) WITHOUT ROWID;

-- The hourly series of the scalars table, one row per (replication, element, series, hour):
-- kind = stage | holding | yard, element = its id, series = e.g. queue_mean, hour = 0 … 23.
CREATE VIEW IF NOT EXISTS hourly AS
  SELECT run, point, replication,
         substr(name, 1, instr(name, '.') - 1) AS kind,
         substr(name, instr(name, '.') + 1, instr(name, '.hourly.') - instr(name, '.') - 1) AS element,
         substr(name, instr(name, '.hourly.') + 8, length(name) - instr(name, '.hourly.') - 10) AS series,
         CAST(substr(name, -2) AS INTEGER) AS hour,
         value
  FROM scalars
  WHERE name GLOB '*.hourly.*.[0-9][0-9]';
