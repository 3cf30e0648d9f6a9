// Bad input through the command line: every NNN-name.expected in this folder is one case.
//
// A case with a scenario (NNN-name.toml beside it, or generated here for binary, non-UTF-8 and
// huge inputs) runs
//
//   tumen check FILE [args]
//   tumen run FILE [args] --json OUT --csv DIR [--no-db]          (twice: see below)
//   tumen run FILE [args]                                        (default outputs)
//
// and a case with a `command:` line runs that command instead (a `run` goes with and without
// the outputs, as above). Each must exit with status 2, print the expected diagnostics on stderr
// and write nothing: run in an empty scratch folder, it leaves it empty; with a results file and a
// CSV folder already there (every command but check), it leaves both byte for byte as they were.
//
// The .expected format, one item a line (# starts a comment):
//
//   args: --variant rush              extra arguments for check and run
//   command: run reference/mm1 --days 0
//                                     a whole command line instead ("quotes" group words;
//                                     {cases} is this folder)
//   errors: 3                         the number of errors (`error:` lines), exactly
//   stderr: not in range 1 to 36500   text stderr must contain (for CLI11's own messages)
//   FILE:12:9: error: stages.s.lanes: must be a whole number || from 1 to 10000
//
// The last form is a diagnostic: its place (FILE stands for the scenario's path, here and in
// the message; other places are "--set", "--days" …), severity, key path, then text its message
// must contain, and after " || " text its "valid:" line must contain. Every such line must
// match a different diagnostic.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path cases_dir = TUMEN_BAD_INPUTS_DIR;
const fs::path scratch_root = TUMEN_BAD_INPUTS_SCRATCH;
const std::string tumen_exe = TUMEN_EXE;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// ---- inputs made here rather than committed (binary, not UTF-8, or big) ----------------------
std::string repeat(std::string_view s, std::size_t times) {
  std::string out;
  out.reserve(s.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += s;
  return out;
}

const std::map<std::string, std::function<std::string()>>& generated_inputs() {
  static const std::map<std::string, std::function<std::string()>> inputs = {
      // An executable given by mistake: ELF header, then NUL bytes.
      {"140-binary-elf",
       [] {
         return std::string(
                    "\x7f"
                    "ELF\x02\x01\x01\x00\x00\x00\x00\x00",
                    12) +
                repeat(std::string(1, '\0'), 52);
       }},
      // A gzip-compressed scenario.
      {"141-binary-gzip",
       [] { return std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd", 13); }},
      // Windows-1251 Cyrillic in a comment ("Хасан"), not UTF-8.
      {"142-not-utf8-cp1251",
       [] { return std::string("[scenario]\nname = \"Khasan\" # \xd5\xe0\xf1\xe0\xed\n"); }},
      // UTF-16 (little-endian, with its byte order mark), as some editors save.
      {"143-not-utf8-utf16",
       [] {
         std::string out("\xff\xfe");
         for (char c : std::string("[run]\ndays = 3\n")) out += std::string{c, '\0'};
         return out;
       }},
      // A file cut off in the middle of a UTF-8 sequence ("Хасан" losing its last byte).
      {"144-not-utf8-truncated",
       [] {
         return std::string("[scenario]\nname = \"x\" # \xd0\xa5\xd0\xb0\xd1\x81\xd0\xb0\xd0");
       }},
      // NUL bytes in the middle of a value.
      {"145-nul-bytes", [] { return std::string("[run]\ndays = 1\x00\x00\n", 17); }},
      // About 5 MB, over the 4 MiB limit: a valid scenario padded with comments.
      {"146-very-large-file",
       [] {
         return "[classes.car]\n[stages.s]\nservice = \"1 min\"\n[routes.r]\npath = [\"s\"]\n"
                "[[demand]]\nper_hour = 5\n" +
                repeat("# padding padding padding padding padding padding padding padding.....\n",
                       5 * 1024 * 1024 / 72);
       }},
      // Arrays nested 1000 deep (the limit is 32).
      {"147-very-deep-nesting",
       [] { return "[run]\ndays = " + repeat("[", 1000) + repeat("]", 1000) + "\n"; }},
  };
  return inputs;
}

// ---- running tumen -------------------------------------------------------------------------
struct outcome {
  int status = -1;
  std::string out, err;
};

// Runs tumen with `args` in folder `cwd`, capturing stdout and stderr.
outcome run_tumen(const std::vector<std::string>& args, const fs::path& cwd) {
  const fs::path out_file = scratch_root / ("stdout-" + std::to_string(::getpid()));
  const fs::path err_file = scratch_root / ("stderr-" + std::to_string(::getpid()));
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out_fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out_fd < 0 || err_fd < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0 ||
        ::chdir(cwd.c_str()) != 0)
      ::_exit(127);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(tumen_exe.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(tumen_exe.c_str(), argv.data());
    ::_exit(127);
  }
  outcome o;
  int raw = 0;
  if (pid > 0 && ::waitpid(pid, &raw, 0) == pid)
    o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  o.out = read_file(out_file);
  o.err = read_file(err_file);
  fs::remove(out_file);
  fs::remove(err_file);
  return o;
}

bool run_has_no_db_flag() {
  static const bool has = [] {
    fs::create_directories(scratch_root);
    return run_tumen({"run", "--help"}, scratch_root).out.find("--no-db") != std::string::npos;
  }();
  return has;
}

// Every file under `dir` with its bytes, so "nothing changed" can be checked exactly.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const auto rel = fs::relative(e.path(), dir).string();
    files[rel] = e.is_regular_file() ? read_file(e.path()) : std::string("<dir>");
  }
  return files;
}

std::string listing(const std::map<std::string, std::string>& files) {
  std::string out;
  for (const auto& [name, bytes] : files)
    out += "  " + name + " (" + std::to_string(bytes.size()) + " bytes)\n";
  return out.empty() ? "  (nothing)\n" : out;
}

// ---- diagnostics ---------------------------------------------------------------------------
struct diagnostic {
  std::string place, severity, key, message, valid;
};

// Splits "PLACE: error: KEY: message" (KEY is absent when the text after the severity does not
// start with a word without spaces followed by ": "). Returns false when there is no severity.
bool split_header(const std::string& line, diagnostic& d) {
  for (const std::string sev : {"error", "warning"}) {
    const std::string marker = ": " + sev + ": ";
    const auto at = line.find(marker);
    const bool bare = line.rfind(sev + ": ", 0) == 0;  // no place at all
    if (at == std::string::npos && !bare) continue;
    d.place = bare ? "" : line.substr(0, at);
    d.severity = sev;
    const auto rest = line.substr(bare ? sev.size() + 2 : at + marker.size());
    const auto colon = rest.find(": ");
    const auto head = rest.substr(0, colon);
    if (colon != std::string::npos && !head.empty() && head.find(' ') == std::string::npos &&
        head.front() != '"' && head.front() != '\'') {
      d.key = head;
      d.message = rest.substr(colon + 2);
    } else {
      d.message = rest;
    }
    return true;
  }
  return false;
}

std::vector<diagnostic> parse_diagnostics(const std::string& err) {
  std::vector<diagnostic> out;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  valid: ", 0) == 0 && !out.empty()) {
      out.back().valid += line.substr(9);
      continue;
    }
    if (line.rfind("tumen: ", 0) == 0) continue;  // the closing count
    diagnostic d;
    if (split_header(line, d)) out.push_back(std::move(d));
  }
  return out;
}

// True when `have` is at the place, of the severity and key path of `want`, and its message and
// valid line contain those of `want`.
bool matches(const diagnostic& have, const diagnostic& want) {
  return have.place == want.place && have.severity == want.severity && have.key == want.key &&
         have.message.find(want.message) != std::string::npos &&
         have.valid.find(want.valid) != std::string::npos;
}

// ---- cases ---------------------------------------------------------------------------------
struct bad_input_case {
  std::string name;               // NNN-short-name
  std::vector<std::string> args;  // extra arguments for check and run
  std::vector<std::string> command;
  std::optional<std::size_t> errors;
  std::vector<std::string> stderr_fragments;
  std::vector<std::string> diagnostic_lines;
};

// Words of a command line; "double" or 'single' quotes group words, without escapes.
std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote)
        quote = 0;
      else
        word += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

bad_input_case load_case(const fs::path& expected_file) {
  bad_input_case c;
  c.name = expected_file.stem().string();
  std::istringstream in(read_file(expected_file));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto value = [&](std::string_view key) { return line.substr(key.size()); };
    if (line.rfind("args: ", 0) == 0)
      c.args = split_words(value("args: "));
    else if (line.rfind("command: ", 0) == 0)
      c.command = split_words(value("command: "));
    else if (line.rfind("errors: ", 0) == 0)
      c.errors = std::stoul(value("errors: "));
    else if (line.rfind("stderr: ", 0) == 0)
      c.stderr_fragments.push_back(value("stderr: "));
    else
      c.diagnostic_lines.push_back(line);
  }
  for (auto& word : c.command) {  // {cases} is this folder
    if (const auto at = word.find("{cases}"); at != std::string::npos)
      word.replace(at, 7, cases_dir.string());
  }
  return c;
}

// gtest names a failing case by this rather than by its bytes.
void PrintTo(const bad_input_case& c, std::ostream* os) {
  *os << c.name;
}

std::vector<bad_input_case> all_cases() {
  std::vector<bad_input_case> cases;
  for (const auto& e : fs::directory_iterator(cases_dir))
    if (e.path().extension() == ".expected") cases.push_back(load_case(e.path()));
  std::sort(cases.begin(), cases.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

class bad_input : public ::testing::TestWithParam<bad_input_case> {
 protected:
  void SetUp() override {
    dir_ = scratch_root / GetParam().name;
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // The scenario file of the case, or nullopt for a command-line case.
  std::optional<fs::path> scenario() const {
    const auto& c = GetParam();
    if (!c.command.empty()) return std::nullopt;
    const auto committed = cases_dir / (c.name + ".toml");
    if (fs::exists(committed)) return committed;
    const auto& gen = generated_inputs();
    const auto it = gen.find(c.name);
    if (it == gen.end()) return std::nullopt;
    const auto made = dir_ / (c.name + ".toml");
    write_file(made, it->second());
    return made;
  }

  // Checks one run's exit status and stderr against the case.
  void check_output(const outcome& o, const std::string& what, const std::string& file) {
    const auto& c = GetParam();
    SCOPED_TRACE(what);
    EXPECT_EQ(o.status, 2) << "stderr:\n" << o.err;
    EXPECT_EQ(o.out, "") << "bad input printed results";
    for (const auto& f : c.stderr_fragments)
      EXPECT_NE(o.err.find(f), std::string::npos) << "stderr lacks \"" << f << "\":\n" << o.err;
    const auto have = parse_diagnostics(o.err);
    std::size_t errors = 0;
    for (const auto& d : have) errors += d.severity == "error";
    if (c.errors) {
      EXPECT_EQ(errors, *c.errors) << "stderr:\n" << o.err;
      if (errors > 0) {
        const auto closing = "tumen: " + std::to_string(errors) + " problem" +
                             (errors == 1 ? "" : "s") + " in the input; nothing was run or written";
        EXPECT_NE(o.err.find(closing), std::string::npos) << "stderr:\n" << o.err;
      }
    }
    std::vector<bool> used(have.size(), false);
    for (const auto& line : c.diagnostic_lines) {
      diagnostic want;
      auto text = line;
      if (const auto bar = text.find(" || "); bar != std::string::npos) {
        want.valid = text.substr(bar + 4);
        text = text.substr(0, bar);
      }
      for (auto at = text.find("FILE"); at != std::string::npos;
           at = text.find("FILE", at + file.size()))
        text.replace(at, 4, file);
      ASSERT_TRUE(split_header(text, want)) << "not a diagnostic pattern: " << line;
      bool found = false;
      for (std::size_t i = 0; i < have.size() && !found; ++i) {
        if (!used[i] && matches(have[i], want)) used[i] = found = true;
      }
      EXPECT_TRUE(found) << "no diagnostic matches\n  " << line << "\nstderr:\n" << o.err;
    }
  }

  fs::path dir_;
};

TEST_P(bad_input, is_rejected_with_its_diagnostics_and_nothing_written) {
  const auto& c = GetParam();
  const auto file = scenario();
  ASSERT_TRUE(file || !c.command.empty())
      << c.name << ".expected has no " << c.name << ".toml, no generator and no command:";
  ASSERT_TRUE(c.errors || !c.stderr_fragments.empty() || !c.diagnostic_lines.empty())
      << c.name << ".expected expects nothing";
  const std::string path = file ? file->string() : std::string();

  const fs::path work = dir_ / "work";  // where tumen runs: must stay as it was
  fs::create_directories(work);
  std::vector<std::string> outputs = {"--json", "out.json", "--csv", "csv"};
  if (run_has_no_db_flag()) outputs.push_back("--no-db");

  // The commands: check and run of the scenario, or the case's own command. A run goes once
  // with every output named (and --no-db when tumen has it), once with none, so that default
  // outputs (a results database in the working folder) are caught too.
  std::vector<std::pair<std::string, std::vector<std::string>>> commands;
  auto base = c.command;
  if (file) {
    commands.push_back({"tumen check", {"check", path}});
    commands.back().second.insert(commands.back().second.end(), c.args.begin(), c.args.end());
    base = {"run", path};
    base.insert(base.end(), c.args.begin(), c.args.end());
  }
  if (base.front() == "run") {
    auto named = base;
    named.insert(named.end(), outputs.begin(), outputs.end());
    commands.push_back({"tumen run", named});
    commands.push_back({"tumen run (default outputs)", base});
  } else if (!file) {
    commands.push_back({"tumen " + base.front(), base});
  }

  for (const auto& [what, args] : commands) {
    // In an empty folder: nothing may appear.
    check_output(run_tumen(args, work), what + " in an empty folder", path);
    const auto after = snapshot(work);
    EXPECT_TRUE(after.empty()) << what << " wrote into its folder:\n" << listing(after);
    fs::remove_all(work);
    fs::create_directories(work);

    // Over earlier results: they stay byte for byte (for every command but check, which writes
    // nothing: a bad output path must not cost an earlier result either).
    if (what != "tumen check") {
      write_file(work / "out.json", "{ \"earlier\": \"results\" }\n");
      fs::create_directories(work / "csv");
      write_file(work / "csv" / "stages.csv", "stage,served\nprimary,42\n");
      const auto before = snapshot(work);
      check_output(run_tumen(args, work), what + " over earlier results", path);
      const auto later = snapshot(work);
      EXPECT_EQ(later, before) << what << " changed earlier results; before:\n"
                               << listing(before) << "after:\n"
                               << listing(later);
      fs::remove_all(work);
      fs::create_directories(work);
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<bad_input_case>& info) {
  std::string name = info.param.name;
  for (auto& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(cases, bad_input, ::testing::ValuesIn(all_cases()), case_name);

TEST(bad_inputs, there_are_at_least_sixty_and_every_generated_input_has_a_case) {
  const auto cases = all_cases();
  EXPECT_GE(cases.size(), 60u);
  for (const auto& [name, make] : generated_inputs()) {
    EXPECT_TRUE(fs::exists(cases_dir / (name + ".expected")))
        << name << " is generated but has no .expected";
  }
  for (const auto& e : fs::directory_iterator(cases_dir)) {
    if (e.path().extension() == ".toml") {
      EXPECT_TRUE(fs::exists(fs::path(e.path()).replace_extension(".expected")))
          << e.path().filename() << " has no .expected";
    }
  }
}

}  // namespace
