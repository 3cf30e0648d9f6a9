// CSV tables of a replication's results, one file per table, for spreadsheets and pandas:
//
//   flows.csv         one row per (route, class, origin): counts, persons, tonnes, time in system
//   stages.csv        one row per stage: arrivals, waits, queues, utilisation
//   stages_hourly.csv one row per (stage, hour of day): arrivals, wait, queue, utilisation
//   holding.csv       one row per holding area
//   yards.csv         one row per yard
//   totals.csv        one row: throughput per day and design figures
//
// Each file is written under a temporary name and renamed, so a reader never sees half a file.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "tumen/results/replication_result.hpp"

namespace tumen::output {

// File name → CSV text (header line first, RFC 4180 quoting).
std::map<std::string, std::string> csv_tables(const results::replication_result& r);

// Writes every table into `dir` (created if missing). Throws tumen::runtime_error on failure.
void write_csv(const std::filesystem::path& dir, const results::replication_result& r);

}  // namespace tumen::output
