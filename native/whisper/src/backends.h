// ggml backends for whisper. Release builds load them as modules from the addon's folder; a folder without a usable
// CPU module (quarantined by antivirus, refused by macOS) would make the first model load abort the process in
// GGML_ASSERT(device), so it is checked here and reported instead.
//
// GPU modules (Vulkan) live in the folder's gpu/ subfolder and are never loaded with the CPU ones: registering the
// Vulkan backend creates a Vulkan instance, which is where broken drivers and injected overlay layers crash. They are
// loaded only when asked, after a probe in a child process has survived the same steps (native/whisper/gpu-probe.ts).
#pragma once

#include <string>
#include <vector>

namespace sotto {

// Loads the CPU backend modules from `dir` (once per process; no-op for static builds). Returns "" when a CPU device
// is available, else a message naming the folder.
std::string ensure_cpu_backend(const std::string & dir);

// What loading the GPU modules from `dir`/gpu gave: the backends registered, and why any module did not load.
struct GpuBackends {
  std::vector<std::string> loaded;
  std::vector<std::string> failed;  // "<file>: <reason>"
};

// Loads every module in `dir`/gpu (once per process; later calls return the first result).
const GpuBackends & load_gpu_backends(const std::string & dir);

// One ggml device, as whisper counts them: `gpu_index` is the n-th GPU or integrated GPU (whisper's gpu_device), or -1.
struct DeviceInfo {
  std::string name;
  std::string description;
  std::string type;  // "cpu", "gpu", "igpu", "accel"
  size_t memory_free = 0;
  size_t memory_total = 0;
  int gpu_index = -1;
};

std::vector<DeviceInfo> list_devices();

// The name of whisper's `gpu_device`-th GPU, or "" when there is none.
std::string gpu_device_name(int gpu_device);

}  // namespace sotto
