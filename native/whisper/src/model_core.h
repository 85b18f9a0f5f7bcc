// One loaded model (its whisper context, the lock that serializes calls on it, its jobs' abort flags) and the
// per-environment registry that stops running work at environment teardown.
#pragma once

#include "whisper.h"

#include <napi.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

namespace sotto {

using AbortFlag = std::shared_ptr<std::atomic<bool>>;

struct ModelCore {
  std::mutex mu;  // a whisper_context is not thread-safe: one whisper_full at a time
  whisper_context * ctx = nullptr;
  int n_audio_ctx = 0;  // read once at load: option checks never touch ctx on the JS thread
  std::atomic<bool> disposed{false};

  // The new job's abort flag, or null when `job_id` is already in use (its first holder could not be cancelled).
  AbortFlag add_job(uint32_t job_id);
  void remove_job(uint32_t job_id);
  void cancel(uint32_t job_id);
  void cancel_all();
  // Waits for a running whisper_full to return, then frees the context.
  void free_context();
  ~ModelCore();

 private:
  std::mutex jobs_mu_;
  std::unordered_map<uint32_t, AbortFlag> jobs_;
};

// The live models of one Node environment (main thread or a worker), so that its teardown can stop running work.
// Shared by the environment's data and by every Model, so either may go first at teardown.
struct Registry {
  void add(const std::shared_ptr<ModelCore> & core);
  void remove(const std::shared_ptr<ModelCore> & core);
  void teardown();

 private:
  std::mutex mu_;
  std::set<std::shared_ptr<ModelCore>> models_;
};

// Per-environment addon data (napi instance data): never a process-wide static, since each worker thread has its own
// JS constructor and its own models.
struct AddonData {
  Napi::FunctionReference model_constructor;
  std::shared_ptr<Registry> registry = std::make_shared<Registry>();
};

}  // namespace sotto
