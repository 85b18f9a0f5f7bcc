// ggml backends for whisper. Release builds load them as modules from the addon's folder; a folder without a usable
// CPU module (quarantined by antivirus, refused by macOS) would make the first model load abort the process in
// GGML_ASSERT(device), so it is checked here and reported instead.
#pragma once

#include <string>

namespace sotto {

// Loads the backend modules from `dir` (once per process; no-op for static builds). Returns "" when a CPU device is
// available, else a message naming the folder.
std::string ensure_cpu_backend(const std::string & dir);

}  // namespace sotto
