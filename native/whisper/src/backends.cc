#include "backends.h"

#include "ggml-backend.h"

#include <mutex>

namespace sotto {

#ifdef SOTTO_BACKEND_DL
namespace {
std::once_flag g_backends_once;
}
#endif

std::string ensure_cpu_backend(const std::string & dir) {
#ifdef SOTTO_BACKEND_DL
  // ggml_backend_load_all() would look beside the node/electron executable, not beside the addon.
  std::call_once(g_backends_once, [&]() { ggml_backend_load_all_from_path(dir.empty() ? nullptr : dir.c_str()); });
#endif
  if (ggml_backend_dev_by_type(GGML_BACKEND_DEVICE_TYPE_CPU) != nullptr) return "";
  return "no ggml CPU backend could be loaded from " + (dir.empty() ? std::string("the addon folder") : dir) +
         " (the libggml-cpu library is missing or was refused, e.g. quarantined by antivirus) — reinstall Sotto";
}

}  // namespace sotto
