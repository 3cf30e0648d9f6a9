// The CSV parser (see tumen/base/csv_text.hpp): one pass over the text with a cursor that keeps
// the line and column, collecting every problem before it throws. A row is read cell by cell; a
// record starts at the beginning of a line, where '#' makes the line a comment and a line of
// nothing but spaces is skipped. An unclosed quote swallows the rest of the text, so it ends the
// reading (the problems found up to there are still reported).
#include "tumen/base/csv_text.hpp"

#include <string>

#include "tumen/base/error.hpp"

namespace tumen {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A position in the text that moves forward one byte at a time and knows its line and column
// (columns count UTF-8 characters: continuation bytes do not move it).
class cursor {
 public:
  explicit cursor(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;
  }

  bool done() const { return at_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const {
    return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0';
  }
  // A line ends at LF, CRLF, or a CR at the very end of the text.
  bool at_line_end() const {
    return peek() == '\n' || (peek() == '\r' && (peek(1) == '\n' || at_ + 1 == text_.size()));
  }
  bool at_record_end() const { return done() || at_line_end(); }

  void advance() {
    if (done()) return;
    const char c = text_[at_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (done() || (static_cast<unsigned char>(text_[at_]) & 0xC0) != 0x80) {
      ++column_;
    }
  }
  void skip_line_end() {
    if (peek() == '\r') advance();
    if (peek() == '\n') advance();
  }
  void skip_spaces() {
    while (is_space(peek())) advance();
  }
  void skip_to_line_end() {
    while (!done() && !at_line_end()) advance();
  }

  int line() const { return line_; }
  int column() const { return column_; }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

class parser {
 public:
  parser(std::string_view text, std::string_view source_name) : at_(text), source_(source_name) {}

  csv_document run() {
    csv_document doc;
    bool have_header = false;
    while (!at_.done()) {
      if (at_.peek() == '#') {  // a comment line
        at_.skip_to_line_end();
        at_.skip_line_end();
        continue;
      }
      if (blank_line()) {
        at_.skip_to_line_end();
        at_.skip_line_end();
        continue;
      }
      const int row_line = at_.line();
      auto cells = record();
      if (stopped_) break;
      if (!have_header) {
        have_header = true;
        check_header(cells);
        doc.header = std::move(cells);
      } else if (cells.size() != doc.header.size()) {
        wrong_count(cells, doc.header, row_line);
      } else {
        doc.rows.push_back(std::move(cells));
      }
    }
    if (!have_header && !stopped_)
      error(1, 1,
            "there is no header row (the text has nothing but comments and blank lines); the "
            "first row names the columns",
            "a header row such as `hour,value`, then one row per line");
    if (problems_.has_errors()) throw input_error(std::move(problems_));
    return doc;
  }

 private:
  bool blank_line() const {
    std::size_t k = 0;
    while (is_space(at_.peek(k))) ++k;
    const char c = at_.peek(k);
    return c == '\0' || c == '\n' || (c == '\r' && (at_.peek(k + 1) == '\n'));
  }

  // Reads one record from the start of a line to its end (a quoted cell may span lines), and
  // leaves the cursor at the start of the next line.
  std::vector<csv_cell> record() {
    std::vector<csv_cell> cells;
    while (true) {
      cells.push_back(cell());
      if (stopped_) return cells;
      if (at_.peek() == ',') {
        at_.advance();
        continue;
      }
      at_.skip_line_end();
      return cells;
    }
  }

  csv_cell cell() {
    at_.skip_spaces();
    csv_cell c{{}, at_.line(), at_.column()};
    if (at_.peek() != '"') {
      while (!at_.at_record_end() && at_.peek() != ',') {
        c.text += at_.peek();
        at_.advance();
      }
      c.text = std::string(trimmed(c.text));
      return c;
    }
    at_.advance();  // the opening quote
    while (true) {
      if (at_.done()) {
        error(c.line, c.column,
              "this quoted cell has no closing quote (\"), so the rest of the text is inside it",
              "a quoted cell ends with \"; a \" inside it is written \"\"");
        stopped_ = true;
        return c;
      }
      const char ch = at_.peek();
      if (ch == '"' && at_.peek(1) == '"') {
        c.text += '"';
        at_.advance();
        at_.advance();
      } else if (ch == '"') {
        at_.advance();
        break;
      } else {
        c.text += ch;
        at_.advance();
      }
    }
    at_.skip_spaces();
    if (!at_.at_record_end() && at_.peek() != ',') {
      error(at_.line(), at_.column(),
            "text after the closing quote of the cell that starts at " + std::to_string(c.line) +
                ":" + std::to_string(c.column),
            "a comma or the end of the line after a quoted cell; a \" inside a cell is written "
            "\"\"");
      while (!at_.at_record_end() && at_.peek() != ',') at_.advance();
    }
    return c;
  }

  void check_header(const std::vector<csv_cell>& header) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      const auto name = trimmed(header[i].text);
      if (name.empty()) {
        error(header[i].line, header[i].column,
              "column " + std::to_string(i + 1) + " of the header has no name",
              "every column of the first row named, e.g. `hour,value`");
        continue;
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (trimmed(header[j].text) != name) continue;
        error(header[i].line, header[i].column,
              "the header names column \"" + std::string(name) + "\" twice (columns " +
                  std::to_string(j + 1) + " and " + std::to_string(i + 1) + ")",
              "every column name once");
        break;
      }
    }
  }

  void wrong_count(const std::vector<csv_cell>& cells, const std::vector<csv_cell>& header,
                   int row_line) {
    const auto n = header.size();
    const auto counts = "this row has " + std::to_string(cells.size()) +
                        (cells.size() == 1 ? " cell" : " cells") + " but the header has " +
                        std::to_string(n);
    if (cells.size() > n) {
      // At the first cell beyond the header.
      error(cells[n].line, cells[n].column, counts + " (this cell is one too many)",
            "one cell per header column; a cell holding a comma is quoted: \"a,b\"");
    } else {
      error(row_line, 1,
            counts + " (missing: \"" + std::string(trimmed(header[cells.size()].text)) +
                (cells.size() + 1 < n ? "\" and after" : "\"") + ")",
            "one cell per header column; an empty cell is written as nothing between commas");
    }
  }

  void error(int line, int column, std::string message, std::string valid) {
    problems_.error({std::string(source_), line, column}, {}, std::move(message), std::move(valid));
  }

  cursor at_;
  std::string_view source_;
  diagnostics problems_;
  bool stopped_ = false;
};

}  // namespace

std::optional<std::size_t> csv_document::column(std::string_view name) const {
  const auto wanted = trimmed(name);
  for (std::size_t i = 0; i < header.size(); ++i)
    if (trimmed(header[i].text) == wanted) return i;
  return std::nullopt;
}

csv_document parse_csv(std::string_view text, std::string_view source_name) {
  return parser(text, source_name).run();
}

}  // namespace tumen
