// Formatting and bookkeeping for diagnostics (see tumen/base/diagnostic.hpp).
#include "tumen/base/diagnostic.hpp"

#include <algorithm>

namespace tumen {

std::string format(const diagnostic& d) {
  std::string out;
  if (!d.where.file.empty()) {
    out += d.where.file;
    if (d.where.line > 0) {
      out += ':' + std::to_string(d.where.line);
      if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
    }
    out += ": ";
  }
  out += d.level == severity::error ? "error: " : "warning: ";
  out += d.key_path;
  if (!d.where.note.empty()) out += (d.key_path.empty() ? "(" : " (") + d.where.note + ")";
  if (!d.key_path.empty() || !d.where.note.empty()) out += ": ";
  out += d.message;
  if (!d.valid.empty()) out += "\n  valid: " + d.valid;
  return out;
}

void diagnostics::error(source_location where, std::string key_path, std::string message,
                        std::string valid) {
  items_.push_back({severity::error, std::move(where), std::move(key_path), std::move(message),
                    std::move(valid)});
}

void diagnostics::warning(source_location where, std::string key_path, std::string message,
                          std::string valid) {
  items_.push_back({severity::warning, std::move(where), std::move(key_path), std::move(message),
                    std::move(valid)});
}

void diagnostics::append(const diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool diagnostics::has_errors() const {
  return error_count() > 0;
}

std::size_t diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const diagnostic& d) { return d.level == severity::error; }));
}

std::string diagnostics::to_string() const {
  std::string out;
  for (const auto& d : items_) {
    out += format(d);
    out += '\n';
  }
  return out;
}

}  // namespace tumen
