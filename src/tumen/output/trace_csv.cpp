// The trace as CSV (see tumen/output/trace_csv.hpp and docs/trace.md).
#include "tumen/output/trace_csv.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "tumen/base/error.hpp"

namespace tumen::output {

namespace {

// Ids are validated names, but a class or route id could still hold a comma or a quote in a
// hand-made scenario: quote like RFC 4180.
void append_field(std::string& line, std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    line.append(s);
    return;
  }
  line += '"';
  for (char c : s) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

// Milliseconds are finer than any duration in the model and keep the file small.
void append_time(std::string& line, double t) {
  fmt::format_to(std::back_inserter(line), "{:.3f}", t);
}

}  // namespace

trace_csv_writer::trace_csv_writer(std::filesystem::path path)
    : path_(std::move(path)), tmp_(path_.string() + ".tmp-" + std::to_string(::getpid())) {
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (!file_)
    throw tumen::runtime_error("cannot write " + path_.string() +
                               ": cannot create a temporary file: " + std::strerror(errno));
  line_.assign(trace_csv_header);
  line_ += '\n';
  if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) failed_ = true;
}

trace_csv_writer::~trace_csv_writer() {
  if (file_) {
    std::fclose(file_);
    std::remove(tmp_.c_str());
  }
}

void trace_csv_writer::visit(const results::visit_record& v) {
  write_row(v, "road");
}

void trace_csv_writer::train_visit(const results::visit_record& v) {
  write_row(v, "rail");
}

void trace_csv_writer::write_row(const results::visit_record& v, std::string_view mode) {
  if (!file_) return;
  line_.clear();
  fmt::format_to(std::back_inserter(line_), "{},", v.vehicle);
  for (const std::string_view field : {v.vehicle_class, v.route, v.element}) {
    append_field(line_, field);
    line_ += ',';
  }
  if (v.lane >= 0) fmt::format_to(std::back_inserter(line_), "{}", v.lane);
  line_ += ',';
  for (const double t : {v.queue_join, v.service_start, v.service_end}) {
    append_time(line_, t);
    line_ += ',';
  }
  append_field(line_, v.outcome);
  line_ += ',';
  append_field(line_, mode);
  line_ += '\n';
  // A failed write is remembered and reported by commit(): the model must not see I/O errors.
  if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) failed_ = true;
  ++rows_;
}

void trace_csv_writer::commit() {
  if (!file_) throw tumen::runtime_error("cannot write " + path_.string() + ": already written");
  auto fail = [&](const std::string& what, int err) {
    if (file_) std::fclose(file_);
    file_ = nullptr;
    std::remove(tmp_.c_str());
    throw tumen::runtime_error("cannot write " + path_.string() + ": " + what +
                               (err ? std::string(": ") + std::strerror(err) : std::string()));
  };
  if (failed_) fail("write failed", errno);
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) fail("flush failed", errno);
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0) fail("close failed", errno);
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) fail("rename failed", errno);
}

namespace {

// Splits one CSV record (no line break inside quotes: the writer never produces one).
bool split_record(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  fields.push_back(std::move(cur));
  return !quoted;
}

template <class T>
bool parse_number(const std::string& s, T& out) {
  const auto* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}

}  // namespace

std::vector<trace_row> parse_trace_csv(std::string_view text, std::string_view source) {
  std::vector<trace_row> rows;
  std::vector<std::string> fields;
  std::size_t pos = 0;
  int line_no = 0;
  std::size_t columns = 10;
  auto bad = [&](const std::string& what) {
    diagnostics d;
    d.error({std::string(source), line_no, 0}, "", what,
            "a trace written by `tumen run --trace` (see docs/trace.md)");
    throw input_error(std::move(d));
  };
  while (pos < text.size()) {
    auto eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1) {
      if (line == trace_csv_header_road_only)
        columns = 9;
      else if (line != trace_csv_header)
        bad("the first line is not the trace header \"" + std::string(trace_csv_header) + "\"");
      continue;
    }
    if (line.empty()) continue;
    if (!split_record(line, fields) || fields.size() != columns)
      bad(fmt::format("expected {} fields, found {}", columns, fields.size()));
    trace_row r;
    if (!parse_number(fields[0], r.vehicle)) bad("vehicle is not a whole number: " + fields[0]);
    r.vehicle_class = std::move(fields[1]);
    r.direction = std::move(fields[2]);
    r.stage = std::move(fields[3]);
    if (!fields[4].empty()) {
      int lane = 0;
      if (!parse_number(fields[4], lane) || lane < 0) bad("lane is not a lane index: " + fields[4]);
      r.lane = lane;
    }
    if (!parse_number(fields[5], r.queue_join) || !parse_number(fields[6], r.service_start) ||
        !parse_number(fields[7], r.service_end))
      bad("a time is not a number");
    if (!(r.queue_join <= r.service_start && r.service_start <= r.service_end))
      bad("times out of order: queue_join ≤ service_start ≤ service_end must hold");
    r.outcome = std::move(fields[8]);
    if (columns == 10) {
      if (fields[9] != "road" && fields[9] != "rail")
        bad("mode is neither road nor rail: " + fields[9]);
      r.mode = std::move(fields[9]);
    }
    rows.push_back(std::move(r));
  }
  if (line_no == 0) bad("the file is empty");
  return rows;
}

std::vector<trace_row> read_trace_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw input_error("--trace", "cannot read " + path.string() + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_trace_csv(text.str(), path.string());
}

}  // namespace tumen::output
