#include "backends.h"

#include "ggml-backend.h"

#include <filesystem>
#include <mutex>
#include <system_error>

namespace sotto {

#ifdef SOTTO_BACKEND_DL
namespace {
std::once_flag g_backends_once;
}
#endif

std::string ensure_cpu_backend(const std::string & dir) {
#ifdef SOTTO_BACKEND_DL
  // ggml_backend_load_all() would look beside the node/electron executable, not beside the addon. It looks in `dir`
  // only (not in gpu/), so no GPU module is loaded here.
  std::call_once(g_backends_once, [&]() { ggml_backend_load_all_from_path(dir.empty() ? nullptr : dir.c_str()); });
#endif
  if (ggml_backend_dev_by_type(GGML_BACKEND_DEVICE_TYPE_CPU) != nullptr) return "";
  return "no ggml CPU backend could be loaded from " + (dir.empty() ? std::string("the addon folder") : dir) +
         " (the libggml-cpu library is missing or was refused, e.g. quarantined by antivirus) — reinstall Sotto";
}

namespace {

bool is_module_file(const std::filesystem::path & p) {
  const std::string ext = p.extension().string();
  return ext == ".so" || ext == ".dll" || ext == ".dylib";
}

GpuBackends load_gpu_modules(const std::string & dir) {
  GpuBackends result;
#ifdef SOTTO_BACKEND_DL
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path gpu_dir = fs::u8path(dir) / "gpu";
  for (const auto & entry : fs::directory_iterator(gpu_dir, ec)) {
    if (!entry.is_regular_file(ec) || !is_module_file(entry.path())) continue;
    const std::string file = entry.path().u8string();
    // ggml_backend_load registers the backend: for Vulkan that creates the instance and enumerates the devices.
    ggml_backend_reg_t reg = ggml_backend_load(file.c_str());
    if (reg != nullptr) {
      result.loaded.emplace_back(ggml_backend_reg_name(reg));
    } else {
      result.failed.push_back(entry.path().filename().u8string() +
                              " (the Vulkan loader vulkan-1.dll / libvulkan.so.1 or a GPU driver is missing, or no "
                              "usable device was found)");
    }
  }
  if (ec) result.failed.push_back(gpu_dir.u8string() + ": " + ec.message());
#else
  (void) dir;
  result.failed.emplace_back("this build has none (a static build)");
#endif
  return result;
}

const char * type_name(enum ggml_backend_dev_type t) {
  switch (t) {
    case GGML_BACKEND_DEVICE_TYPE_CPU: return "cpu";
    case GGML_BACKEND_DEVICE_TYPE_GPU: return "gpu";
    case GGML_BACKEND_DEVICE_TYPE_IGPU: return "igpu";
    default: return "accel";
  }
}

bool is_gpu(ggml_backend_dev_t dev) {
  const enum ggml_backend_dev_type t = ggml_backend_dev_type(dev);
  return t == GGML_BACKEND_DEVICE_TYPE_GPU || t == GGML_BACKEND_DEVICE_TYPE_IGPU;
}

}  // namespace

const GpuBackends & load_gpu_backends(const std::string & dir) {
  static std::once_flag once;
  static GpuBackends result;
  std::call_once(once, [&]() { result = load_gpu_modules(dir); });
  return result;
}

std::vector<DeviceInfo> list_devices() {
  std::vector<DeviceInfo> out;
  int gpu_count = 0;
  for (size_t i = 0; i < ggml_backend_dev_count(); ++i) {
    ggml_backend_dev_t dev = ggml_backend_dev_get(i);
    DeviceInfo d;
    d.name = ggml_backend_dev_name(dev);
    const char * desc = ggml_backend_dev_description(dev);
    d.description = desc != nullptr ? desc : "";
    d.type = type_name(ggml_backend_dev_type(dev));
    ggml_backend_dev_memory(dev, &d.memory_free, &d.memory_total);
    // The same count whisper_backend_init_gpu makes, so gpu_index is what whisper's gpu_device means.
    if (is_gpu(dev)) d.gpu_index = gpu_count++;
    out.push_back(std::move(d));
  }
  return out;
}

std::string gpu_device_name(int gpu_device) {
  int count = 0;
  for (size_t i = 0; i < ggml_backend_dev_count(); ++i) {
    ggml_backend_dev_t dev = ggml_backend_dev_get(i);
    if (!is_gpu(dev)) continue;
    if (count++ == gpu_device) return ggml_backend_dev_name(dev);
  }
  return "";
}

}  // namespace sotto
