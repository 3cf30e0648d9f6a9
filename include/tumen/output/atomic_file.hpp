// Writing output files so that nothing is ever half-written.
//
// The content goes to a temporary file beside the target ("name.tmp-<pid>"), is flushed and
// closed, and only then renamed over the target: a crash, a full disk or a kill leaves either
// the old file or the new one, never a mix. Failures throw tumen::runtime_error naming the path
// and the reason (e.g. "cannot write results.json: No space left on device"), and the
// temporary file is removed.
//
//   tumen::output::write_file_atomically("out/result.json", text);
#pragma once

#include <filesystem>
#include <string_view>

namespace tumen::output {

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace tumen::output
